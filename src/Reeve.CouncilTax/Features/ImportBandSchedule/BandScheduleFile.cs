using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>
/// What a line of a band schedule does to the valuation list, after the headings of the VOA's schedules of
/// alterations (VOA Council Tax Manual, section 2 part 4): a new entry, an amended entry (a band change) or a
/// deleted entry. The "historic" headings are the same alterations with an earlier effective date, so the
/// date, not the code, says how far back a change reaches.
/// </summary>
public enum ScheduleReason
{
    NewEntry,
    BandChange,
    Deletion,
}

public static class ScheduleReasons
{
    public static string Code(this ScheduleReason reason) => reason switch
    {
        ScheduleReason.NewEntry => "NEW",
        ScheduleReason.BandChange => "AMD",
        ScheduleReason.Deletion => "DEL",
    };

    public static string Describe(this ScheduleReason reason) => reason switch
    {
        ScheduleReason.NewEntry => "new entry",
        ScheduleReason.BandChange => "band change",
        ScheduleReason.Deletion => "deletion (not yet applied)",
    };

    public static bool TryParse(string code, out ScheduleReason reason)
    {
        foreach (var r in Enum.GetValues<ScheduleReason>())
        {
            if (string.Equals(r.Code(), code, StringComparison.OrdinalIgnoreCase))
            {
                reason = r;
                return true;
            }
        }

        reason = default;
        return false;
    }
}

/// <summary>One problem with a schedule file, named as an officer can find it: "line 4, field band: ...".</summary>
public sealed record LineProblem(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, field {Field}: {Message}";
}

/// <summary>One line of a band schedule, checked for shape. Whether its UPRN is on the list is checked against the database.</summary>
public sealed record ScheduleLine(
    int Line,
    string ScheduleReference,
    long Uprn,
    ScheduleReason Reason,
    Band? Band,
    LocalDate EffectiveFrom,
    string AddressLine1,
    string? AddressLine2,
    string? AddressLine3,
    string Town,
    string Postcode,
    string? Comment,
    string? AreaCode);

/// <summary>
/// Reads a band schedule file (UTF-8 CSV with a header; columns in docs/domain/band-schedule-import.md) into
/// lines, checking each field on its own and lines against each other. Pure: no database, no clock.
/// </summary>
public static class BandScheduleFile
{
    public const string ScheduleReference = "schedule_reference";
    public const string Uprn = "uprn";
    public const string AddressLine1 = "address_line1";
    public const string AddressLine2 = "address_line2";
    public const string AddressLine3 = "address_line3";
    public const string Town = "town";
    public const string Postcode = "postcode";
    public const string Band = "band";
    public const string EffectiveDate = "effective_date";
    public const string ReasonCode = "reason_code";
    public const string Comment = "comment";
    public const string AreaCode = "area_code";

    public static IReadOnlyList<string> Required { get; } = [ScheduleReference, Uprn, AddressLine1, Town, Postcode, Band, EffectiveDate, ReasonCode];

    public static IReadOnlyList<string> Optional { get; } = [AddressLine2, AddressLine3, Comment, AreaCode];

    // Council tax began on 1 April 1993 (LGFA 1992 s1); no list entry takes effect before it.
    private static readonly LocalDate FirstDay = new(1993, 4, 1);

    public sealed record Parsed(IReadOnlyList<ScheduleLine> Lines, IReadOnlyList<LineProblem> Problems);

    public static Parsed Parse(ReadOnlySpan<byte> content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new Parsed([], [new LineProblem(1, "(file)", "the file is not UTF-8 text; save it as CSV UTF-8")]);
        }

        return Parse(text.TrimStart('\uFEFF'));
    }

    public static Parsed Parse(string text)
    {
        List<CsvRecord> records;
        try
        {
            records = CsvFile.Read(text, ',', firstLineIsHeader: true).ToList();
        }
        catch (CsvFormatException e)
        {
            // Quoting that cannot be read makes the fields of every later line uncertain: the file is refused at that line.
            return new Parsed([], [new LineProblem(e.Line, e.Field, e.Message)]);
        }

        if (records.Count == 0)
        {
            return new Parsed([], [new LineProblem(1, "(header)", "the file is empty; it needs a header line and at least one line")]);
        }

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var problems = HeaderProblems(records[0].Line, header).ToList();
        if (problems.Any(p => p.Line == records[0].Line))
        {
            return new Parsed([], problems);
        }

        var lines = new List<ScheduleLine>();
        var seen = new Dictionary<(long, LocalDate), int>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.Count != header.Count)
            {
                problems.Add(new LineProblem(record.Line, "(line)", $"has {record.Fields.Count} fields; the header has {header.Count}"));
                continue;
            }

            var values = header.Zip(record.Fields).ToDictionary(p => p.First, p => p.Second.Trim(), StringComparer.Ordinal);
            if (ParseLine(record.Line, values, problems) is not { } line)
            {
                continue;
            }

            if (seen.TryGetValue((line.Uprn, line.EffectiveFrom), out var earlier))
            {
                problems.Add(new LineProblem(line.Line, EffectiveDate, $"line {earlier} already alters UPRN {line.Uprn} from {DateText.Iso.Format(line.EffectiveFrom)}"));
                continue;
            }

            seen.Add((line.Uprn, line.EffectiveFrom), line.Line);
            lines.Add(line);
        }

        if (records.Count == 1)
        {
            problems.Add(new LineProblem(records[0].Line, "(header)", "the file has a header but no lines"));
        }

        return new Parsed(lines, problems.OrderBy(p => p.Line).ToList());
    }

    private static IEnumerable<LineProblem> HeaderProblems(int line, List<string> header)
    {
        foreach (var missing in Required.Where(r => !header.Contains(r)))
        {
            yield return new LineProblem(line, missing, "this column is required in the header");
        }

        foreach (var name in header.Where(h => !Required.Contains(h) && !Optional.Contains(h)).Distinct())
        {
            yield return new LineProblem(line, name.Length == 0 ? "(blank)" : name, "not a column of a band schedule (see docs/domain/band-schedule-import.md)");
        }

        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1 && g.Key.Length > 0))
        {
            yield return new LineProblem(line, twice.Key, "this column appears more than once");
        }
    }

    private static ScheduleLine? ParseLine(int n, Dictionary<string, string> v, List<LineProblem> problems)
    {
        var before = problems.Count;
        void Problem(string field, string message) => problems.Add(new LineProblem(n, field, message));
        string? OptionalValue(string column) => v.TryGetValue(column, out var s) && s.Length > 0 ? s : null;

        var reference = v[ScheduleReference];
        if (reference.Length is 0 or > 40)
        {
            Problem(ScheduleReference, "enter the VOA schedule reference (up to 40 characters)");
        }

        long uprn = 0;
        if (v[Uprn] is not { Length: >= 1 and <= 12 } uprnText || !uprnText.All(char.IsAsciiDigit) || (uprn = long.Parse(uprnText, CultureInfo.InvariantCulture)) == 0)
        {
            Problem(Uprn, $"'{v[Uprn]}' is not a UPRN: a UPRN is a number of up to 12 digits");
        }

        var known = ScheduleReasons.TryParse(v[ReasonCode], out var reason);
        if (!known)
        {
            Problem(ReasonCode, $"'{v[ReasonCode]}' is not a reason code: use NEW (new entry), AMD (band change) or DEL (deletion)");
        }

        Band? band = null;
        var bandText = v[Band].ToUpperInvariant();
        if (BandRatios.TryParse(bandText, out var parsedBand))
        {
            band = parsedBand;
        }
        else if (bandText.Length > 0 || (known && reason != ScheduleReason.Deletion))
        {
            Problem(Band, $"'{v[Band]}' is not a band: a council tax band in England is A to H");
        }

        var date = DateText.Iso.Parse(v[EffectiveDate]);
        if (!date.Success)
        {
            Problem(EffectiveDate, $"'{v[EffectiveDate]}' is not a real date written YYYY-MM-DD");
        }
        else if (date.Value < FirstDay)
        {
            Problem(EffectiveDate, "council tax began on 1 April 1993; no entry takes effect before it");
        }

        if (known && reason == ScheduleReason.NewEntry)
        {
            if (v[AddressLine1].Length == 0)
            {
                Problem(AddressLine1, "a new entry needs the first line of the address");
            }

            if (v[Town].Length == 0)
            {
                Problem(Town, "a new entry needs the town");
            }

            if (!Postcodes.IsValid(v[Postcode]))
            {
                Problem(Postcode, $"'{v[Postcode]}' is not a postcode in the published shape, like SW1A 1AA");
            }
        }
        else if (OptionalValue(AreaCode) is not null)
        {
            Problem(AreaCode, "a charging area is given only with a new entry; change an existing dwelling's area on its property page");
        }

        return problems.Count > before
            ? null
            : new ScheduleLine(n, reference, uprn, reason, band, date.Value, v[AddressLine1], OptionalValue(AddressLine2), OptionalValue(AddressLine3),
                v[Town], v[Postcode], OptionalValue(Comment), OptionalValue(AreaCode));
    }
}
