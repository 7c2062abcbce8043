using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>A payment entry as the modules that post payments look it up again: by the key they posted it under.</summary>
public sealed record KeyedPayment(long EntryId, string? Key, Money Amount);

/// <summary>
/// Payment entries found by how they were posted, for the module that posted them: by idempotency key (an import
/// keys each payment <c>payment:{file}:{line}</c>, with <c>:{year}</c> when split over years), by effective day, or
/// the one still standing that a returned Direct Debit takes back.
/// </summary>
public static class PaymentEntries
{
    /// <summary>The payments whose key starts with <paramref name="keyPrefix"/> (a plain prefix: no wildcards), oldest first.</summary>
    public static async Task<IReadOnlyList<KeyedPayment>> KeyedFromAsync(DbConnection connection, CouncilId council, string keyPrefix, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(
            Row.Select + " and idempotency_key like @like escape '!' order by entry_id",
            new { council = council.Value, like = Escaped(keyPrefix) + "%" }, tx)).Select(r => r.ToPayment()).ToList();

    /// <summary>The payments effective on <paramref name="day"/>, with their keys (null for a payment posted without one).</summary>
    public static async Task<IReadOnlyList<KeyedPayment>> OnDayAsync(DbConnection connection, CouncilId council, LocalDate day, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Row.Select + " and effective_date = @day order by entry_id", new { council = council.Value, day }, tx))
        .Select(r => r.ToPayment()).ToList();

    /// <summary>
    /// A payment of <paramref name="amount"/> effective on <paramref name="day"/> on the account that no entry has
    /// reversed, preferring one whose reason contains <paramref name="preferReason"/>, then the oldest; null if none.
    /// </summary>
    public static Task<long?> StandingAsync(
        DbConnection connection, CouncilId council, long accountId, Money amount, LocalDate day, string preferReason, DbTransaction? tx = null) =>
        connection.ExecuteScalarAsync<long?>(
            "select le.entry_id from ledger_line le join ledger_posting p on p.council_id = le.council_id and p.posting_id = le.posting_id " +
            "where le.council_id = @council and le.account_id = @accountId and le.kind = 2 " +
            "and le.amount_pence = @amount and le.effective_date = @day " +
            "and not exists (select 1 from ledger_line r where r.council_id = le.council_id and r.reverses_entry_id = le.entry_id) " +
            "order by case when p.reason like @prefer escape '!' then 0 else 1 end, le.entry_id limit 1",
            new { council = council.Value, accountId, amount, day, prefer = "%" + Escaped(preferReason) + "%" }, tx);

    // Dapper fills typed values (Money) through properties, never through a record's constructor.
    private sealed class Row
    {
        public const string Select =
            "select entry_id as EntryId, idempotency_key as IdempotencyKey, amount_pence as Amount from ledger_line where council_id = @council and kind = 2";

        public long EntryId { get; set; }

        public string? IdempotencyKey { get; set; }

        public Money Amount { get; set; }

        public KeyedPayment ToPayment() => new(EntryId, IdempotencyKey, Amount);
    }

    private static string Escaped(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);
}
