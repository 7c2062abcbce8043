#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>
/// Finds the people and organisations already recorded under exact names, for an import that must match its customers
/// to parties before creating new ones. A name is compared by its search key (<see cref="NameParts.SearchKey"/>: lower
/// case, either order of a person's names), against every name a party has had; each candidate comes with the postcodes
/// of its addresses, so the caller can insist on the same name at the same postcode.
/// </summary>
public static class PartyMatching
{
    public sealed record Candidate(string SearchKey, long PartyId, string? Postcode);

    public static async Task<IReadOnlyList<Candidate>> ByNameAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyCollection<string> searchKeys)
    {
        var dialect = SqlDialect.Of(connection);
        var found = new List<Candidate>();
        // SQLite expands a list into one parameter each, so the keys go a few hundred at a time.
        foreach (var chunk in searchKeys.Distinct(StringComparer.Ordinal).Chunk(dialect.Provider == DatabaseProvider.Postgres ? 20_000 : 500))
        {
            var rows = await connection.QueryAsync<CandidateRow>(
                "select distinct n.search_key, n.party_id, a.postcode from party_name n " +
                "left join party_address a on a.council_id = n.council_id and a.party_id = n.party_id " +
                "where n.council_id = @council and n.search_key " + dialect.AnyOf("keys"),
                new { council = council.Value, keys = chunk }, tx);
            found.AddRange(rows.Select(r => new Candidate(r.search_key, r.party_id, r.postcode)));
        }

        return found;
    }

    private sealed class CandidateRow
    {
        public string search_key { get; set; } = "";
        public long party_id { get; set; }
        public string? postcode { get; set; }
    }
}
