using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// A payment in suspense is work for the Payments team until an officer allocates it: raised where the item is made,
/// closed where it is allocated, both in the same transaction. Five working days to allocate it.
/// </summary>
public static class SuspenseWork
{
    public const string Source = "payments.suspense";
    public const string Kind = "Suspense payment";
    public const int WorkingDaysToAllocate = 5;

    public static WorkToRaise For(long itemId, Money amount, LocalDate paidOn, string? payerName, string referenceText, Instant raisedAt) => new(
        Source, itemId.ToString(System.Globalization.CultureInfo.InvariantCulture), Kind,
        $"{amount.ToDisplayString()} paid {DateText.LongForm.Format(paidOn)}{(string.IsNullOrWhiteSpace(payerName) ? "" : " by " + payerName)}, reference '{referenceText}'",
        WorkTeams.Payments, WorkClocks.WorkingDaysAfter(raisedAt, WorkingDaysToAllocate), WorkClock.WorkingDays);

    public static Task<bool> CloseAsync(DbConnection connection, DbTransaction tx, CouncilId council, long itemId, Instant now) =>
        WorkQueue.CloseAsync(connection, tx, council, Source, itemId.ToString(System.Globalization.CultureInfo.InvariantCulture), now);

    /// <summary>Suspense items still open when the queue arrived.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => SuspenseWork.Source;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await connection.QueryAsync<Waiting>(
                "select item_id as ItemId, amount_pence as AmountPence, paid_on as PaidOn, payer_name as Payer, reference_text as Reference, created_at as CreatedAt " +
                "from suspense_item where council_id = @council and status = 'open' order by item_id",
                new { council = council.Value }, tx))
            .Select(r => For(r.ItemId, Money.FromPence(r.AmountPence), r.PaidOn, r.Payer, r.Reference, r.CreatedAt))
            .ToList();

        private sealed class Waiting
        {
            public long ItemId { get; set; }
            public long AmountPence { get; set; }
            public LocalDate PaidOn { get; set; }
            public string? Payer { get; set; }
            public string Reference { get; set; } = "";
            public Instant CreatedAt { get; set; }
        }
    }
}
