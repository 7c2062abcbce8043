using NodaTime;

namespace Reeve.BusinessRates.Domain;

/// <summary>What is wrong with a record of an imported file, and where: the record (its line, from 1) and the field by name.</summary>
public sealed record RecordProblem(int Record, string Field, string Message)
{
    public override string ToString() => $"record {Record}, field {Field}: {Message}";
}

/// <summary>One entry of the VOA's list entries file (shared/formats.md 6.1): a hereditament and its rateable value from a date.</summary>
public sealed record ListEntry(
    int Record,
    string BillingAuthorityCode,
    string BaReference,
    string DescriptionCode,
    string DescriptionText,
    long Uarn,
    string Address,
    string? FirmName,
    string? Street,
    string? Town,
    string? Postcode,
    LocalDate EffectiveFrom,
    long RateableValuePounds,
    long? AssessmentReference)
{
    public int ListYear => RatingLists.ListYearOf(EffectiveFrom);
}

/// <summary>The valuation lists Reeve holds: the 2023 list from 1 April 2023 and the 2026 list from 1 April 2026 (LGFA 1988 s41, s52).</summary>
public static class RatingLists
{
    public static readonly LocalDate FirstDay2023 = new(2023, 4, 1);
    public static readonly LocalDate FirstDay2026 = new(2026, 4, 1);

    public static bool Held(LocalDate day) => day >= FirstDay2023;

    public static int ListYearOf(LocalDate day) => day >= FirstDay2026 ? 2026 : day >= FirstDay2023 ? 2023 : throw new ArgumentOutOfRangeException(nameof(day), day, "Before the 2023 list");

    /// <summary>The last day of a list: the 2023 list ends when the 2026 list begins; the 2026 list is open.</summary>
    public static LocalDate? LastDayOf(int listYear) => listYear == 2023 ? FirstDay2026.PlusDays(-1) : null;
}

/// <summary>
/// Reads a VOA list entries file: ASCII, asterisk-delimited, no header, one current entry a line, each line ending
/// with an asterisk. The full property identifier (field 8) may itself hold asterisks, so a line is read as its first
/// 7 fields, its last 20, and whatever lies between as field 8. Every problem on every record is reported; a record
/// with no rateable value (a proxy deletion) is counted and not applied.
/// </summary>
public static class ListEntriesFile
{
    public const string BillingAuthorityCode = "billing authority code";
    public const string BaReference = "BA reference";
    public const string Uarn = "UARN";
    public const string EffectiveDate = "effective date";
    public const string RateableValue = "rateable value";

    private static readonly NodaTime.Text.LocalDatePattern VoaDate = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("dd-MMM-uuuu");

    public sealed record Parsed(IReadOnlyList<ListEntry> Entries, int DeletionRecords, IReadOnlyList<RecordProblem> Problems);

    public static Parsed Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<ListEntry>();
        var problems = new List<RecordProblem>();
        var deletions = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var record = i + 1;
            var entry = ParseRecord(record, line, problems, ref deletions);
            if (entry is null)
            {
                continue;
            }

            if (seen.TryGetValue(entry.BaReference, out var earlier))
            {
                problems.Add(new RecordProblem(record, BaReference, $"record {earlier} already lists BA reference {entry.BaReference}; a list entries file has one current entry per hereditament"));
                continue;
            }

            seen[entry.BaReference] = record;
            entries.Add(entry);
        }

        if (entries.Count == 0 && deletions == 0 && problems.Count == 0)
        {
            problems.Add(new RecordProblem(1, "(record)", "The file holds no list entries"));
        }

        return new Parsed(entries, deletions, problems);
    }

    private static ListEntry? ParseRecord(int record, string line, List<RecordProblem> problems, ref int deletions)
    {
        var parts = (line.EndsWith('*') ? line[..^1] : line).Split('*');
        if (parts.Length < 28)
        {
            problems.Add(new RecordProblem(record, "(record)", $"The record has {parts.Length} fields; a list entry has 28, separated by asterisks"));
            return null;
        }

        var tail = parts[^20..];
        string Field(int number) => (number <= 7 ? parts[number - 1] : tail[number - 9]).Trim();
        var before = problems.Count;
        var code = Field(2);
        if (code.Length is 0 or > 4)
        {
            problems.Add(new RecordProblem(record, BillingAuthorityCode, code.Length == 0 ? "This field is blank" : $"'{code}' is longer than 4 characters"));
        }

        var reference = Field(4);
        if (reference.Length is 0 or > 25)
        {
            problems.Add(new RecordProblem(record, BaReference, reference.Length == 0 ? "This field is blank" : "Is longer than 25 characters"));
        }

        var uarnText = Field(7);
        if (!Whole(uarnText, 11, out var uarn) || uarn == 0)
        {
            problems.Add(new RecordProblem(record, Uarn, $"'{uarnText}' is not a unique address reference number (up to 11 digits)"));
        }

        var dateText = Field(16);
        var date = VoaDate.Parse(dateText);
        if (!date.Success)
        {
            problems.Add(new RecordProblem(record, EffectiveDate, $"'{dateText}' is not a date written as DD-MON-YYYY, like 01-APR-2023"));
        }
        else if (!RatingLists.Held(date.Value))
        {
            problems.Add(new RecordProblem(record, EffectiveDate, $"{dateText} is before the 2023 list (1 April 2023); Reeve holds the 2023 and 2026 lists"));
        }

        var rvText = Field(18);
        long rv = 0;
        if (rvText.Length == 0)
        {
            if (problems.Count == before)
            {
                deletions++;
            }

            return null;
        }

        if (rvText.StartsWith('-') && Whole(rvText[1..], 10, out _))
        {
            problems.Add(new RecordProblem(record, RateableValue, $"{rvText} is negative; a rateable value is nil or more"));
        }
        else if (!Whole(rvText, 10, out rv))
        {
            problems.Add(new RecordProblem(record, RateableValue, $"'{rvText}' is not a rateable value in whole pounds"));
        }

        var assessmentText = Field(20);
        long? assessment = null;
        if (assessmentText.Length > 0)
        {
            if (Whole(assessmentText, 11, out var parsed))
            {
                assessment = parsed;
            }
            else
            {
                problems.Add(new RecordProblem(record, "assessment reference", $"'{assessmentText}' is not a number of up to 11 digits"));
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        var address = string.Join('*', parts[7..^20]).Trim();
        return new ListEntry(record, code, reference, Field(5), Field(6), uarn, address, Blank(Field(9)), Blank(Field(11)), Blank(Field(12)), Blank(Field(15)),
            date.Value, rv, assessment);
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;

    private static bool Whole(string text, int maxDigits, out long value)
    {
        value = 0;
        return text.Length is > 0 and var n && n <= maxDigits && text.All(char.IsAsciiDigit) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
