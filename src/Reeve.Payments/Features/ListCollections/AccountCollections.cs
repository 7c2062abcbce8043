#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments;

/// <summary>One Direct Debit collection of an account, with the run that collected it.</summary>
public sealed record CollectionLine(long RunId, string Serial, LocalDate ProcessingDate, LocalDate DueOn, string Code, Money Amount, string Status, string? ReturnCode, long EntryId);

/// <summary>Every Direct Debit collection of one account, newest processing day first (the account's Direct Debit page).</summary>
public static class AccountCollections
{
    public static async Task<IReadOnlyList<CollectionLine>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(
            "select c.run_id, r.serial, c.processing_date, c.due_on, c.code, c.amount_pence, c.status, c.return_code, c.entry_id from dd_collection c " +
            "join dd_collection_run r on r.council_id = c.council_id and r.run_id = c.run_id " +
            "where c.council_id = @council and c.account_id = @accountId order by c.processing_date desc, c.collection_id desc",
            new { council = council.Value, accountId }, tx))
        .Select(r => new CollectionLine(r.run_id, r.serial, r.processing_date, r.due_on, r.code, r.amount_pence, r.status, r.return_code, r.entry_id))
        .ToList();

    private sealed class Row
    {
        public long run_id { get; set; }
        public string serial { get; set; } = "";
        public LocalDate processing_date { get; set; }
        public LocalDate due_on { get; set; }
        public string code { get; set; } = "";
        public Money amount_pence { get; set; }
        public string status { get; set; } = "";
        public string? return_code { get; set; }
        public long entry_id { get; set; }
    }
}
