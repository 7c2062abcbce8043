#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments;

/// <summary>The money waiting in suspense, by the day it was paid: what a suspense-ageing report needs.</summary>
public static class SuspenseAgeing
{
    public sealed record PaidDay(LocalDate PaidOn, int Items, Money Amount);

    /// <summary>The council's open suspense items (as they stand now), grouped by the day they were paid.</summary>
    public static async Task<IReadOnlyList<PaidDay>> OpenByDayAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(
            "select paid_on, count(*) as items, sum(amount_pence) as amount from suspense_item " +
            "where council_id = @council and status = 'open' group by paid_on order by paid_on",
            new { council = council.Value }, tx))
        .Select(r => new PaidDay(r.paid_on, r.items, Money.FromPence(r.amount)))
        .ToList();

    private sealed class Row
    {
        public LocalDate paid_on { get; set; }
        public int items { get; set; }
        public long amount { get; set; }
    }
}
