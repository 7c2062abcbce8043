#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>The account's timeline: every bill, notice, payment, change and step, with who and why.</summary>
public static class AccountEvents
{
    public static async Task RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, Instant at, LocalDate effective,
        string kind, string summary, string officer, string? sourceRule)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "account_event", 1);
        await connection.ExecuteAsync(
            "insert into account_event (council_id, event_id, account_id, occurred_at, effective_date, kind, summary, officer, source_rule) " +
            "values (@council, @id, @accountId, @at, @effective, @kind, @summary, @officer, @sourceRule)",
            new
            {
                council = council.Value, id, accountId, at,
                effective, kind, summary, officer, sourceRule,
            },
            tx);
    }

    public static async Task<IReadOnlyList<AccountEvent>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await connection.QueryAsync<Row>(
            "select event_id, account_id, occurred_at, effective_date, kind, summary, officer, source_rule from account_event " +
            "where council_id = @council and account_id = @accountId order by occurred_at desc, event_id desc",
            new { council = council.Value, accountId }))
        .Select(r => r.ToEvent())
        .ToList();

    /// <summary>
    /// The events of any of these accounts, newest first: the <paramref name="limit"/> newest (0 for all), and only those
    /// of the given kinds or starting with <paramref name="kindPrefix"/> when either is given.
    /// </summary>
    public static async Task<IReadOnlyList<AccountEvent>> ForAccountsAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, int limit = 0, IReadOnlyCollection<string>? kinds = null,
        string? kindPrefix = null, DbTransaction? tx = null)
    {
        if (accountIds.Count == 0)
        {
            return [];
        }

        var filter = kinds is null && kindPrefix is null
            ? ""
            : " and (" + string.Join(" or ", new[] { kinds is null ? null : "kind " + SqlLists.AnyOf(connection, "kinds"), kindPrefix is null ? null : "kind like @prefix" }.OfType<string>()) + ")";
        var events = new List<AccountEvent>();
        foreach (var chunk in SqlLists.Chunks(accountIds))
        {
            events.AddRange((await connection.QueryAsync<Row>(
                    "select event_id, account_id, occurred_at, effective_date, kind, summary, officer, source_rule from account_event " +
                    "where council_id = @council and account_id " + SqlLists.AnyOf(connection, "ids") + filter +
                    " order by occurred_at desc, event_id desc" + (limit > 0 ? " limit @limit" : ""),
                    new { council = council.Value, ids = chunk, kinds = kinds?.ToArray(), prefix = kindPrefix + "%", limit }, tx))
                .Select(r => r.ToEvent()));
        }

        var newest = events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.EventId);
        return (limit > 0 ? newest.Take(limit) : newest).ToList();
    }

    private sealed class Row
    {
        public long event_id { get; set; }
        public long account_id { get; set; }
        public Instant occurred_at { get; set; }
        public LocalDate effective_date { get; set; }
        public string kind { get; set; } = "";
        public string summary { get; set; } = "";
        public string officer { get; set; } = "";
        public string? source_rule { get; set; }

        public AccountEvent ToEvent() => new(event_id, account_id, occurred_at, effective_date, kind, summary, officer, source_rule);
    }
}
