using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.People;

/// <summary>
/// A change of name (marriage, deed poll, a correction) adds to the history rather than overwriting,
/// so letters and court papers issued under the old name still make sense.
/// </summary>
public static class PartyNames
{
    public static async Task<Outcome<int>> ChangeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, int expectedVersion, NameParts name,
        LocalDate effectiveFrom, string reason, string officer, Instant now)
    {
        var kind = await connection.ExecuteScalarAsync<string?>(
            "select kind from party where council_id = @council and party_id = @partyId",
            new { council = council.Value, partyId }, tx);
        if (kind is null)
        {
            return new Outcome<int>.NotFound($"party {partyId}");
        }

        if (name.Problem(kind == "person" ? PartyKind.Person : PartyKind.Organisation) is { } problem)
        {
            var field = problem.Split(':')[0];
            return new Outcome<int>.Invalid(field, problem[(field.Length + 2)..]);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Outcome<int>.Invalid("reason", "Say why the name has changed");
        }

        var bumped = await connection.ExecuteAsync(
            "update party set version = version + 1 where council_id = @council and party_id = @partyId and version = @expectedVersion",
            new { council = council.Value, partyId, expectedVersion }, tx);
        if (bumped == 0)
        {
            return new Outcome<int>.Conflict(Concurrency.ConflictMessage);
        }

        var next = await connection.ExecuteScalarAsync<int>(
            "select coalesce(max(name_seq), 0) + 1 from party_name where council_id = @council and party_id = @partyId",
            new { council = council.Value, partyId }, tx);
        await InsertAsync(connection, tx, council, partyId, next, name, effectiveFrom, reason, officer, now);
        return expectedVersion + 1;
    }

    /// <summary>
    /// The name each of these parties goes by now (the newest in their history), for modules that hold party ids
    /// and need a name on a list, a letter or a court schedule. A party with no name recorded is absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, string>> CurrentAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> partyIds, DbTransaction? tx = null) =>
        (await SqlLists.QueryByIdsAsync<(long PartyId, string Name), long>(connection,
            "select n.party_id, n.display_name from party_name n where n.council_id = @council and n.party_id {ids}" +
            " and n.name_seq = (select max(m.name_seq) from party_name m where m.council_id = n.council_id and m.party_id = n.party_id)",
            council, partyIds, tx))
        .ToDictionary(r => r.PartyId, r => r.Name);

    internal static Task InsertAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, int seq, NameParts name,
        LocalDate effectiveFrom, string reason, string officer, Instant now)
    {
        return connection.ExecuteAsync(
            "insert into party_name (council_id, party_id, name_seq, title, forenames, surname, organisation_name, display_name, search_key, effective_from, reason, recorded_at, recorded_by) " +
            "values (@council, @partyId, @seq, @title, @forenames, @surname, @org, @display, @search, @from, @reason, @now, @officer)",
            new
            {
                council = council.Value, partyId, seq, title = name.Title, forenames = name.Forenames, surname = name.Surname,
                org = name.OrganisationName, display = name.DisplayName, search = name.SearchKey,
                from = effectiveFrom, reason, now, officer,
            },
            tx);
    }
}
