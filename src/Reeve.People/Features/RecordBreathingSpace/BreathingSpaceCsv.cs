using System.Data.Common;
using System.Text;
using NodaTime;
using Reeve.Kernel;

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
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !Fields(lines[0]).Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(Header))
        {
            return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid("line 1", $"The first line must be the header {string.Join(',', Header)}");
        }

        var notices = new List<BreathingSpaceNotice>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var where = $"line {i + 1}";
            var f = Fields(lines[i]);
            if (f.Count != Header.Length)
            {
                return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid(where, $"Expected {Header.Length} fields but found {f.Count}");
            }

            if (f[0].Trim().Length == 0)
            {
                return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid($"{where} reference", "The reference is blank");
            }

            if (BreathingSpaces.KindFromCode(f[1].Trim()) is not { } kind)
            {
                return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid($"{where} type", $"'{f[1]}' is not standard or mental-health-crisis");
            }

            var start = DateText.Iso.Parse(f[2].Trim());
            if (!start.Success)
            {
                return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid($"{where} start_date", $"'{f[2]}' is not a real date written YYYY-MM-DD");
            }

            if (f[3].Trim().Length == 0)
            {
                return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid($"{where} name", "The name is blank");
            }

            LocalDate? born = null;
            if (f[4].Trim().Length > 0)
            {
                var dob = DateText.Iso.Parse(f[4].Trim());
                if (!dob.Success)
                {
                    return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid($"{where} date_of_birth", $"'{f[4]}' is not a real date written YYYY-MM-DD");
                }

                born = dob.Value;
            }

            if (notices.Any(n => n.Reference == f[0].Trim()))
            {
                return new Outcome<IReadOnlyList<BreathingSpaceNotice>>.Invalid($"{where} reference", $"{f[0].Trim()} is in the file twice");
            }

            notices.Add(new BreathingSpaceNotice(kind, f[0].Trim(), start.Value, f[6].Trim() is { Length: > 0 } s ? s : "Insolvency Service notification (CSV)",
                f[3].Trim(), born, f[5].Trim() is { Length: > 0 } pc ? pc : null));
        }

        return notices;
    }

    /// <summary>Records every notice in one transaction: all or nothing.</summary>
    public static async Task<Outcome<Imported>> ImportAsync(DbConnection connection, CouncilId council, string text, string officer, Instant now)
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

        await tx.CommitAsync();
        return new Imported(notices.Count, matched, queued, known);
    }

    // One CSV line's fields: commas separate, double quotes wrap a field that holds commas, "" is a quote.
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
