using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>
/// A CSV of Breathing Space notifications, one a line, with the header
/// <c>reference,type,start_date,name,date_of_birth,postcode,source</c> (type is standard or mental-health-crisis; dates
/// YYYY-MM-DD; date of birth, postcode and source may be blank). The file is read whole first: a bad line refuses the
/// file naming the line and field, and nothing is recorded. Recording is idempotent by reference, so a file imported
/// twice records each notification once; a notification no one matches goes to the matching queue.
/// </summary>
public static class BreathingSpaceCsv
{
    public static readonly string[] Header = ["reference", "type", "start_date", "name", "date_of_birth", "postcode", "source"];

    public sealed record Imported(int Lines, int Matched, int Queued, int AlreadyKnown);

    public static Outcome<IReadOnlyList<BreathingSpaceNotice>> Parse(string text)
    {
        try
        {
            return Notices(CsvFile.ReadAfterHeader(text, Header));
        }
        catch (CsvFormatException e)
        {
            return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid(e.Where, e.Message);
        }
    }

    private static List<BreathingSpaceNotice> Notices(IEnumerable<CsvRecord> records)
    {
        var notices = new List<BreathingSpaceNotice>();
        foreach (var f in records)
        {
            if (f.Count != Header.Length)
            {
                throw new CsvFormatException(f.Line, f.Count < Header.Length ? Header[f.Count] : "(line)", $"Expected {Header.Length} fields but found {f.Count}");
            }

            var reference = f.Text(0, "reference");
            if (BreathingSpaces.KindFromCode(f.Text(1, "type")) is not { } kind)
            {
                throw new CsvFormatException(f.Line, "type", $"'{f.Fields[1]}' is not standard or mental-health-crisis");
            }

            var start = Date(f, 2, "start_date") ?? throw new CsvFormatException(f.Line, "start_date", "This field is blank");
            var name = f.Text(3, "name");
            var born = Date(f, 4, "date_of_birth");
            if (notices.Any(n => n.Reference == reference))
            {
                throw new CsvFormatException(f.Line, "reference", $"{reference} is in the file twice");
            }

            var notice = new BreathingSpaceNotice(kind, reference, start, f.Text(6, "source", required: false) is { Length: > 0 } s ? s : "Insolvency Service notification (CSV)",
                name, born, f.Text(5, "postcode", required: false) is { Length: > 0 } pc ? pc : null);
            if (BreathingSpaces.Refused(notice) is { } refused)
            {
                throw new CsvFormatException(f.Line, refused.Field, refused.Message);
            }

            notices.Add(notice);
        }

        return notices;
    }

    private static LocalDate? Date(CsvRecord f, int column, string name)
    {
        var text = f.Text(column, name, required: false);
        if (text.Length == 0)
        {
            return null;
        }

        var parsed = DateText.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new CsvFormatException(f.Line, name, $"'{text}' is not a real date written YYYY-MM-DD");
    }

    /// <summary>
    /// Records every notice in one transaction: all or nothing. <paramref name="finish"/> commits (the default) or, for a
    /// preview, matches and records every notice and rolls it back.
    /// </summary>
    public static async Task<Outcome<Imported>> ImportAsync(DbConnection connection, CouncilId council, string text, string officer, Instant now, ImportFinish? finish = null)
    {
        var parsed = Parse(text);
        if (parsed is Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid bad)
        {
            return new Outcome<Imported>.Invalid(bad.Field, bad.Message);
        }

        var notices = ((Outcome<IReadOnlyList<BreathingSpaceNotice>>.Done)parsed).Value;

        await using var tx = await connection.BeginTransactionAsync();
        int matched = 0, queued = 0, known = 0;
        foreach (var notice in notices)
        {
            var before = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "select count(*) from breathing_space where council_id = @council and reference = @reference", new { council = council.Value, reference = notice.Reference }, tx);
            var outcome = await BreathingSpaces.RecordAsync(connection, tx, council, notice, officer, now);
            if (outcome is not Outcome<BreathingSpace>.Done { Value: var space })
            {
                await tx.RollbackAsync();
                return new Outcome<Imported>.Invalid(notice.Reference, outcome.ToString());
            }

            if (before > 0)
            {
                known++;
            }
            else if (space.PartyId is null)
            {
                queued++;
            }
            else
            {
                matched++;
            }
        }

        await (finish ?? ImportFinish.Commit).EndAsync(connection, tx);
        return new Imported(notices.Count, matched, queued, known);
    }
}
