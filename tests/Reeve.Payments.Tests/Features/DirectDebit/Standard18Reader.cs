using System.Globalization;

namespace Reeve.Payments.Tests.Features.DirectDebit;

/// <summary>
/// A reader of Standard 18 files written from formats.md 1 for the tests alone, sharing no code with the writer,
/// so a round trip checks the layout rather than the writer against itself.
/// </summary>
internal sealed record Standard18Read(
    string Sun,
    string ProcessingDate,
    IReadOnlyList<Standard18Read.Record> Records,
    Standard18Read.Record? Contra,
    long UtlDebitPence,
    long UtlCreditPence,
    int UtlDebitCount,
    int UtlCreditCount)
{
    internal sealed record Record(string SortCode, string AccountNumber, string Code, long AmountPence, string Reference, string Name);

    public static Standard18Read Parse(string text)
    {
        text.ShouldEndWith("\r\n");
        var lines = text[..^2].Split("\r\n");
        lines[0].ShouldStartWith("VOL1");
        lines[1].ShouldStartWith("HDR1");
        lines[2].ShouldStartWith("HDR2");
        lines[3].ShouldStartWith("UHL1");
        lines[^3].ShouldStartWith("EOF1");
        lines[^2].ShouldStartWith("EOF2");
        lines[^1].ShouldStartWith("UTL1");
        foreach (var label in lines.Take(4).Concat(lines.TakeLast(3)))
        {
            label.Length.ShouldBe(80);
        }

        var records = new List<Record>();
        Record? contra = null;
        foreach (var line in lines.Skip(4).Take(lines.Length - 7))
        {
            line.Length.ShouldBe(100);
            line[14].ShouldBe('0');
            var record = new Record(line[..6], line[6..14], line[15..17], long.Parse(line[35..46], CultureInfo.InvariantCulture),
                line[64..82].TrimEnd(), line[82..100].TrimEnd());
            if (record.Reference == "CONTRA")
            {
                contra = record;
            }
            else
            {
                records.Add(record);
            }
        }

        var utl = lines[^1];
        var uhl = lines[3];
        return new Standard18Read(uhl[10..16], uhl[4..10], records, contra,
            long.Parse(utl[4..17], CultureInfo.InvariantCulture), long.Parse(utl[17..30], CultureInfo.InvariantCulture),
            int.Parse(utl[30..37], CultureInfo.InvariantCulture), int.Parse(utl[37..44], CultureInfo.InvariantCulture));
    }
}
