using System.Text;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Bacs;

/// <summary>
/// Writes a Bacs Standard 18 file (formats.md 1): VOL1, HDR1, HDR2, UHL1, the data records, the contra, EOF1,
/// EOF2 and UTL1, each line ending CRLF. Input is checked first and refused whole, naming the field, so a file
/// is either right or not written at all.
/// </summary>
public static class Standard18Writer
{
    public const int LabelLength = 80;
    public const int RecordLength = 100;

    /// <summary>The most a contra (or a UTL1 total) can hold: 11 digits of pence (formats.md 1.8).</summary>
    public static readonly Money MaximumContra = Money.FromPence(99_999_999_999);

    private enum FileKind
    {
        Collections,
        Credits,
        Auddis,
    }

    public static Outcome<string> Write(Standard18File file, WorkingDays calendar)
    {
        var checkedFile = Validate(file, calendar);
        if (checkedFile is not Outcome<FileKind>.Done { Value: var kind })
        {
            return checkedFile switch
            {
                Outcome<FileKind>.Invalid invalid => new Outcome<string>.Invalid(invalid.Field, invalid.Message),
                _ => throw new InvalidOperationException("Validation returns Done or Invalid"),
            };
        }

        var lines = new List<string>();
        var sun = file.Originator.ServiceUserNumber;
        var creation = BacsDate.Format(file.CreationDate);

        // 1.2 VOL1: serial, then the SUN at 42-47 inside the 14-character owner identification, label level 1 at 80.
        lines.Add(new FixedWidthLine().Text("VOL1", 4).Text(file.VolumeSerialNumber, 6).Spaces(1).Spaces(20).Spaces(6)
            .Spaces(4).Text(sun, 6).Spaces(4).Spaces(28).Text("1", 1).End(LabelLength));

        // 1.3 HDR1 and 1.4 HDR2; EOF1 and EOF2 repeat them with another label.
        string Hdr1(string label) => new FixedWidthLine().Text(label, 4).Text("A" + sun + "S  1" + sun, 17)
            .Text(file.VolumeSerialNumber, 6).Text("0001", 4).Text("0001", 4).Spaces(6)
            .Text(creation, 6).Text(creation, 6).Spaces(27).End(LabelLength);
        string Hdr2(string label) => new FixedWidthLine().Text(label, 4).Text("F", 1).Text("02000", 5).Text("00100", 5)
            .Spaces(65).End(LabelLength);
        lines.Add(Hdr1("HDR1"));
        lines.Add(Hdr2("HDR2"));

        // 1.5 UHL1: processing day, the SUN as receiving party, sterling, single processing day.
        lines.Add(new FixedWidthLine().Text("UHL1", 4).Text(BacsDate.Format(file.ProcessingDate), 6).Text(sun, 6)
            .Spaces(4).Text("00", 2).Text("000000", 6).Text("1 DAILY", 9).Spaces(43).End(LabelLength));

        var originatorName = BacsText.Name(file.Originator.Name, 18);
        var records = new StringBuilder((file.Instructions.Count + 1) * (RecordLength + 2));
        foreach (var instruction in file.Instructions)
        {
            DataRecord(records,
                instruction.SortCode.Digits, instruction.AccountNumber.Digits, instruction.Code.Code(), file.Originator,
                instruction.Amount, originatorName, instruction.Reference.Trim().ToUpperInvariant(),
                BacsText.Name(instruction.AccountName, 18));
        }

        var total = Money.Sum(file.Instructions.Select(i => i.Amount));
        var count = file.Instructions.Count;
        var (debitTotal, creditTotal, debitCount, creditCount) = kind switch
        {
            // 1.8: one credit contra (99) paying the day's debits into the council's account.
            FileKind.Collections => (total, total, count, 1),

            // 1.7: a Direct Credit file's contra is a debit (17) from the council's account.
            FileKind.Credits => (total, total, 1, count),

            // An AUDDIS-only file has no contra; its zero-value instructions count as debit records (unconfirmed, formats.md 1.9).
            FileKind.Auddis => (Money.Zero, Money.Zero, count, 0),
        };

        if (kind != FileKind.Auddis)
        {
            var contraCode = kind == FileKind.Collections ? "99" : "17";
            var o = file.Originator;
            DataRecord(records, o.SortCode.Digits, o.AccountNumber.Digits, contraCode, o, total,
                BacsText.Name(file.ContraNarrative, 18), "CONTRA", originatorName);
        }

        var trailer = new List<string>();
        trailer.Add(Hdr1("EOF1"));
        trailer.Add(Hdr2("EOF2"));

        // 1.9 UTL1: totals of the records actually written, contra included.
        trailer.Add(new FixedWidthLine().Text("UTL1", 4).Number(debitTotal.Pence, 13).Number(creditTotal.Pence, 13)
            .Number(debitCount, 7).Number(creditCount, 7).Spaces(36).End(LabelLength));

        var whole = new StringBuilder(records.Length + ((lines.Count + trailer.Count) * (LabelLength + 2)));
        foreach (var label in lines)
        {
            whole.Append(label).Append("\r\n");
        }

        whole.Append(records);
        foreach (var label in trailer)
        {
            whole.Append(label).Append("\r\n");
        }

        return whole.ToString();
    }

    // 1.6: destination sort code and account, type 0, code, originating sort code and account, 4 spaces (RTI),
    // amount in pence (11), originator name or contra narrative (18), reference (18), destination name (18).
    private static void DataRecord(
        StringBuilder file, string sortCode, string account, string code, ServiceUser originator, Money amount,
        string originatorName, string reference, string destinationName) =>
        new FixedWidthLine(file).Text(sortCode, 6).Text(account, 8).Text("0", 1).Text(code, 2)
            .Text(originator.SortCode.Digits, 6).Text(originator.AccountNumber.Digits, 8).Spaces(4)
            .Number(amount.Pence, 11).Text(originatorName, 18).Text(reference, 18).Text(destinationName, 18)
            .EndLine(RecordLength);

    private static Outcome<FileKind> Validate(Standard18File file, WorkingDays calendar)
    {
        static Outcome<FileKind> Invalid(string field, string message) => new Outcome<FileKind>.Invalid(field, message);

        var o = file.Originator;
        if (o.ServiceUserNumber is not { Length: 6 } sun || !sun.All(char.IsAsciiDigit))
        {
            return Invalid("originator.serviceUserNumber", "A service user number is six digits");
        }

        if (BacsNameProblem(o.Name) is { } nameProblem)
        {
            return Invalid("originator.name", nameProblem);
        }

        if (file.VolumeSerialNumber is not { Length: 6 } serial || !serial.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
        {
            return Invalid("volumeSerialNumber", "The volume serial number is six digits or capital letters");
        }

        // 1.5: the processing day must be a Bacs working day, after the day the file is made and no more than 31 days ahead.
        if (!calendar.IsWorkingDay(file.ProcessingDate))
        {
            return Invalid("processingDate", $"{file.ProcessingDate:uuuu-MM-dd} is not a Bacs processing day (a weekend or a bank holiday)");
        }

        if (file.ProcessingDate <= file.CreationDate)
        {
            return Invalid("processingDate", "The processing day must be after the day the file is created");
        }

        if (Period.Between(file.CreationDate, file.ProcessingDate, PeriodUnits.Days).Days > 31)
        {
            return Invalid("processingDate", "The processing day can be no more than 31 days after the file is created");
        }

        if (file.Instructions.Count == 0)
        {
            return Invalid("instructions", "A Bacs file needs at least one instruction");
        }

        var kinds = file.Instructions.Select(i => KindOf(i.Code)).Distinct().ToList();
        if (kinds.Count > 1)
        {
            return Invalid("instructions", "Collections, Direct Credits and AUDDIS instructions go in separate files");
        }

        var kind = kinds[0];
        if (kind != FileKind.Auddis && BacsNameProblem(file.ContraNarrative) is { } narrativeProblem)
        {
            return Invalid("contraNarrative", narrativeProblem);
        }

        var total = Money.Zero;
        for (var n = 0; n < file.Instructions.Count; n++)
        {
            var i = file.Instructions[n];
            var at = $"instructions[{n}]";
            if (BacsNameProblem(i.AccountName) is { } accountNameProblem)
            {
                return Invalid(at + ".accountName", accountNameProblem);
            }

            var reference = i.Reference.Trim().ToUpperInvariant();
            var referenceProblem = kind == FileKind.Credits
                ? (reference.Length is 0 or > 18 ? "A reference is 1 to 18 characters" : BacsText.FirstDisallowed(reference) is { } bad ? $"'{bad}' is not allowed in a Bacs reference" : null)
                : BacsText.ReferenceProblem(reference);
            if (referenceProblem is not null)
            {
                return Invalid(at + ".reference", referenceProblem);
            }

            // 1.6: AUDDIS instructions carry a zero amount; money moves only in positive amounts.
            if (kind == FileKind.Auddis ? !i.Amount.IsZero : !i.Amount.IsPositive)
            {
                return Invalid(at + ".amount", kind == FileKind.Auddis ? "An AUDDIS instruction's amount must be zero" : "The amount must be more than zero");
            }

            if (i.Amount > MaximumContra)
            {
                return Invalid(at + ".amount", "The amount is too large for a Bacs record");
            }

            total += i.Amount;
            if (total > MaximumContra)
            {
                return Invalid(at + ".amount", $"The file's total passes the contra's limit of {MaximumContra.ToDisplayString()}: split the file");
            }
        }

        return kind;
    }

    private static FileKind KindOf(TransactionCode code) =>
        code.IsAuddis() ? FileKind.Auddis : code == TransactionCode.DirectCredit ? FileKind.Credits : FileKind.Collections;

    private static string? BacsNameProblem(string name)
    {
        var cleaned = BacsText.Name(name, 18);
        if (cleaned.Length == 0)
        {
            return "A name is needed";
        }

        return BacsText.FirstDisallowed(cleaned) is { } bad
            ? $"'{bad}' is not allowed in Bacs: use letters, digits, spaces and . / - &"
            : null;
    }
}
