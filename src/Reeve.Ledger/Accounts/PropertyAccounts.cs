#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>
/// The accounts of one kind on properties, each with its parties (in party order) and its instalment terms: what a
/// debt stream needs to find the account a bill belongs to. Read for one property, a range of UPRNs (a chunk of an
/// annual billing run, in one query) or a list of UPRNs.
/// </summary>
public static class PropertyAccounts
{
    public sealed record OnProperty(long AccountId, long Uprn, IReadOnlyList<long> Parties, int InstalmentDay, int? InstalmentsRequested);

    private const string Select =
        "select a.uprn, a.account_id, p.party_id, a.instalment_day, a.instalments_requested from account a " +
        "left join account_party p on p.council_id = a.council_id and p.account_id = a.account_id " +
        "where a.council_id = @council and a.kind = @kind and ";

    public static Task<IReadOnlyList<OnProperty>> OnAsync(DbConnection connection, CouncilId council, AccountKind kind, long uprn, DbTransaction? tx = null) =>
        InRangeAsync(connection, council, kind, uprn, uprn, tx);

    /// <summary>The accounts on properties with UPRNs from <paramref name="first"/> to <paramref name="last"/>, in account order.</summary>
    public static async Task<IReadOnlyList<OnProperty>> InRangeAsync(
        DbConnection connection, CouncilId council, AccountKind kind, long first, long last, DbTransaction? tx = null) =>
        Group(await connection.QueryAsync<Row>(
            Select + "a.uprn >= @first and a.uprn <= @last order by a.account_id, p.party_id",
            new { council = council.Value, kind = kind.Code(), first, last }, tx));

    /// <summary>The accounts on these properties, in account order.</summary>
    public static async Task<IReadOnlyList<OnProperty>> OnManyAsync(
        DbConnection connection, CouncilId council, AccountKind kind, IReadOnlyCollection<long> uprns, DbTransaction? tx = null)
    {
        var rows = new List<Row>();
        var anyOf = SqlDialect.Of(connection).AnyOf("chunk");
        foreach (var chunk in uprns.Distinct().Chunk(1_000))
        {
            rows.AddRange(await connection.QueryAsync<Row>(Select + $"a.uprn {anyOf}", new { council = council.Value, kind = kind.Code(), chunk }, tx));
        }

        return Group(rows.OrderBy(r => r.account_id).ThenBy(r => r.party_id));
    }

    private static List<OnProperty> Group(IEnumerable<Row> rows) =>
        rows.GroupBy(r => r.account_id)
            .Select(g => new OnProperty(g.Key, g.First().uprn, g.Where(r => r.party_id is not null).Select(r => r.party_id!.Value).Distinct().Order().ToList(),
                g.First().instalment_day, g.First().instalments_requested))
            .ToList();

    private sealed class Row
    {
        public long uprn { get; set; }
        public long account_id { get; set; }
        public long? party_id { get; set; }
        public int instalment_day { get; set; }
        public int? instalments_requested { get; set; }
    }
}
