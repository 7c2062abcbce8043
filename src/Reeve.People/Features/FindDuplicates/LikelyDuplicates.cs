#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.People;

public sealed record LikelyDuplicate(long PartyA, string NameA, long PartyB, string NameB, int Score, string Reasons, string? Decision);

/// <summary>What is known about a person for matching: every name they have had, date of birth and every address.</summary>
public sealed record MatchProfile(long PartyId, LocalDate? DateOfBirth, IReadOnlyList<(string Forenames, string Surname)> Names, IReadOnlyList<(long? Uprn, string Postcode)> Addresses);

/// <summary>
/// Likely duplicate people, scored from name, date of birth and address history, for an officer to confirm or reject.
/// Nothing is merged automatically: a merge needs a confirmed pair, keeps both records (the merged one points to the
/// survivor) and re-links the accounts and casework to the survivor.
/// </summary>
public static class LikelyDuplicates
{
    /// <summary>A pair scoring this or more goes on the list.</summary>
    public const int Threshold = 60;

    /// <summary>The score of a pair and why, from the pure facts. A different date of birth counts heavily against.</summary>
    public static (int Score, IReadOnlyList<string> Reasons) Score(MatchProfile a, MatchProfile b)
    {
        var score = 0;
        var reasons = new List<string>();
        if (a.DateOfBirth is { } da && b.DateOfBirth is { } db)
        {
            if (da == db)
            {
                score += 40;
                reasons.Add("same date of birth");
            }
            else
            {
                score -= 40;
                reasons.Add("different dates of birth");
            }
        }

        static string Norm(string s) => s.Trim().ToLowerInvariant();
        static string First(string forenames) => Norm(forenames).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var currentA = a.Names[^1];
        var currentB = b.Names[^1];
        if (Norm(currentA.Surname) == Norm(currentB.Surname))
        {
            score += 25;
            reasons.Add("same surname");
        }
        else if (a.Names.Any(x => b.Names.Any(y => Norm(x.Surname) == Norm(y.Surname))))
        {
            score += 15;
            reasons.Add("a former surname matches");
        }

        if (a.Names.Any(x => b.Names.Any(y => First(x.Forenames) == First(y.Forenames) && First(x.Forenames).Length > 0)))
        {
            score += 20;
            reasons.Add("same first name");
        }
        else if (a.Names.Any(x => b.Names.Any(y => First(x.Forenames).Length > 0 && First(y.Forenames).Length > 0 && First(x.Forenames)[0] == First(y.Forenames)[0])))
        {
            score += 8;
            reasons.Add("same first initial");
        }

        if (a.Addresses.Any(x => x.Uprn is not null && b.Addresses.Any(y => y.Uprn == x.Uprn)))
        {
            score += 30;
            reasons.Add("lived at the same property");
        }
        else if (a.Addresses.Any(x => b.Addresses.Any(y => Norm(y.Postcode) == Norm(x.Postcode))))
        {
            score += 15;
            reasons.Add("same postcode in the address history");
        }

        return (score, reasons);
    }

    /// <summary>
    /// Scores pairs that share a surname (any name they have had) or a date of birth, and lists the new ones at or above
    /// the threshold. Pairs already decided are not listed again. Returns how many were added.
    /// </summary>
    public static async Task<int> FindAsync(DbConnection connection, DbTransaction tx, CouncilId council)
    {
        var args = new { council = council.Value };
        var people = (await connection.QueryAsync<PersonRow>(
            "select party_id, date_of_birth from party where council_id = @council and kind = 'person' and merged_into is null", args, tx)).ToList();
        var names = (await connection.QueryAsync<NameRow>(
            "select n.party_id, coalesce(n.forenames, '') as forenames, coalesce(n.surname, '') as surname from party_name n join party p on p.council_id = n.council_id " +
            "and p.party_id = n.party_id where n.council_id = @council and p.kind = 'person' and p.merged_into is null order by n.party_id, n.name_seq", args, tx))
            .ToLookup(n => n.party_id);
        var addresses = (await connection.QueryAsync<AddressRow>(
            "select party_id, uprn, postcode from party_address where council_id = @council", args, tx)).ToLookup(a => a.party_id);
        var profiles = people.Where(p => names[p.party_id].Any()).Select(p => new MatchProfile(
            p.party_id, p.date_of_birth,
            names[p.party_id].Select(n => (n.forenames, n.surname)).ToList(),
            addresses[p.party_id].Select(a => (a.uprn, a.postcode)).ToList())).ToDictionary(p => p.PartyId);
        var known = (await connection.QueryAsync<(long, long)>(
            "select party_a, party_b from party_duplicate where council_id = @council", args, tx)).ToHashSet();
        var candidates = new HashSet<(long, long)>();
        void Block(IEnumerable<IGrouping<string, long>> groups)
        {
            foreach (var group in groups)
            {
                var ids = group.Distinct().Order().ToList();
                for (var i = 0; i < ids.Count; i++)
                {
                    for (var j = i + 1; j < ids.Count; j++)
                    {
                        candidates.Add((ids[i], ids[j]));
                    }
                }
            }
        }

        Block(profiles.Values.SelectMany(p => p.Names.Select(n => (Key: n.Surname.Trim().ToLowerInvariant(), p.PartyId))).Where(x => x.Key.Length > 0).GroupBy(x => x.Key, x => x.PartyId));
        Block(profiles.Values.Where(p => p.DateOfBirth is not null).GroupBy(p => p.DateOfBirth!.Value.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), p => p.PartyId));
        var added = 0;
        foreach (var (a, b) in candidates.Where(c => !known.Contains(c)).Order())
        {
            var (score, reasons) = Score(profiles[a], profiles[b]);
            if (score < Threshold)
            {
                continue;
            }

            await connection.ExecuteAsync(
                "insert into party_duplicate (council_id, party_a, party_b, score, reasons) values (@council, @a, @b, @score, @reasons)",
                new { council = council.Value, a, b, score, reasons = string.Join("; ", reasons) }, tx);
            added++;
        }

        return added;
    }

    /// <summary>Pairs awaiting a decision, and confirmed pairs awaiting a merge, highest score first.</summary>
    public static async Task<IReadOnlyList<LikelyDuplicate>> OpenAsync(DbConnection connection, CouncilId council) =>
        (await connection.QueryAsync<PairRow>(
            "select d.party_a, na.display_name as name_a, d.party_b, nb.display_name as name_b, d.score, d.reasons, d.decision from party_duplicate d " +
            "join party_name na on na.council_id = d.council_id and na.party_id = d.party_a and na.name_seq = (select max(m.name_seq) from party_name m where m.council_id = d.council_id and m.party_id = d.party_a) " +
            "join party_name nb on nb.council_id = d.council_id and nb.party_id = d.party_b and nb.name_seq = (select max(m.name_seq) from party_name m where m.council_id = d.council_id and m.party_id = d.party_b) " +
            "where d.council_id = @council and (d.decision is null or d.decision = 'confirmed') order by d.score desc, d.party_a, d.party_b",
            new { council = council.Value }))
        .Select(r => new LikelyDuplicate(r.party_a, r.name_a, r.party_b, r.name_b, r.score, r.reasons, r.decision)).ToList();

    public static async Task<Outcome<string>> DecideAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyA, long partyB, bool same, string officer, Instant now)
    {
        var changed = await connection.ExecuteAsync(
            "update party_duplicate set decision = @decision, decided_by = @officer, decided_at = @now where council_id = @council and party_a = @partyA and party_b = @partyB and decision is null",
            new { council = council.Value, partyA, partyB, decision = same ? "confirmed" : "rejected", officer, now }, tx);
        return changed == 0
            ? new Outcome<string>.Invalid("decision", "That pair is not waiting for a decision")
            : same ? $"{partyA} and {partyB} confirmed as the same person: merge them when ready" : $"{partyA} and {partyB} are not the same person";
    }

    /// <summary>
    /// Merges a confirmed pair: <paramref name="merged"/> points to <paramref name="survivor"/> and keeps its own names and
    /// addresses; its liabilities and casework move to the survivor, each account noting the merge on its timeline.
    /// </summary>
    public static async Task<Outcome<string>> MergeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long survivor, long merged, string officer, Instant now)
    {
        var (a, b) = survivor < merged ? (survivor, merged) : (merged, survivor);
        var decision = await connection.ExecuteScalarAsync<string?>(
            "select decision from party_duplicate where council_id = @council and party_a = @a and party_b = @b", new { council = council.Value, a, b }, tx);
        if (decision != "confirmed")
        {
            return new Outcome<string>.Invalid("decision", "Only a pair an officer has confirmed as the same person can be merged");
        }

        var args = new { council = council.Value, survivor, merged };
        var accounts = await PartyLiabilities.MoveToSurvivorAsync(connection, tx, council, merged, survivor);
        foreach (var table in new[] { "income_expenditure", "arrangement", "vulnerability_flag", "signposting", "breathing_space" })
        {
            await connection.ExecuteAsync($"update {table} set party_id = @survivor where council_id = @council and party_id = @merged", args, tx);
        }

        await connection.ExecuteAsync("update party set merged_into = @survivor, version = version + 1 where council_id = @council and party_id = @merged", args, tx);
        await connection.ExecuteAsync(
            "update party_duplicate set decision = 'merged', decided_by = @officer where council_id = @council and party_a = @a and party_b = @b",
            new { council = council.Value, a, b, officer }, tx);
        foreach (var account in accounts)
        {
            await AccountEvents.RecordAsync(connection, tx, council, account, now, now.InZone(UkTime.Zone).Date, "party-merged",
                $"Person {merged} merged into person {survivor} (confirmed duplicate); both records are kept", officer, null);
        }

        return string.Create(CultureInfo.InvariantCulture, $"Person {merged} merged into {survivor}: {accounts.Count} account(s) re-linked");
    }

    /// <summary>The survivor a merged person points to, or null.</summary>
    public static Task<long?> MergedIntoAsync(DbConnection connection, CouncilId council, long partyId) =>
        connection.ExecuteScalarAsync<long?>("select merged_into from party where council_id = @council and party_id = @partyId", new { council = council.Value, partyId });

    private sealed class PersonRow
    {
        public long party_id { get; set; }
        public LocalDate? date_of_birth { get; set; }
    }

    private sealed class NameRow
    {
        public long party_id { get; set; }
        public string forenames { get; set; } = "";
        public string surname { get; set; } = "";
    }

    private sealed class AddressRow
    {
        public long party_id { get; set; }
        public long? uprn { get; set; }
        public string postcode { get; set; } = "";
    }

    private sealed class PairRow
    {
        public long party_a { get; set; }
        public string name_a { get; set; } = "";
        public long party_b { get; set; }
        public string name_b { get; set; } = "";
        public int score { get; set; }
        public string reasons { get; set; } = "";
        public string? decision { get; set; }
    }
}
