using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Enforcement;

/// <summary>
/// Ends every order in force whose liability order is paid as at the day (the year's balance, from the Ledger, at or below
/// nothing): status paid, the day it ended, and an event on the account's timeline saying the employer must stop deducting
/// (reg 39 and Sch 3: the order is for the sum outstanding only). Re-running ends nothing twice.
/// </summary>
public static class EndPaidAttachmentOrders
{
    public static async Task<IReadOnlyList<AttachmentOrder>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, LocalDate asAt, string officer, Instant now)
    {
        var inForce = await AttachmentOrders.InForceAsync(connection, council, tx);
        if (inForce.Count == 0)
        {
            return [];
        }

        var money = await AccountMoney.ForAccountsAsync(connection, council, [.. inForce.Select(o => o.AccountId).Distinct()], tx, asAt);
        var paid = inForce.Where(o => !money[o.AccountId].Year(o.Year).Balance.IsPositive).ToList();
        if (paid.Count == 0)
        {
            return [];
        }

        const string reason = "The sum under the liability order is paid";
        await connection.ExecuteAsync(
            "update attachment_order set status = 'paid', ended_on = @asAt, end_reason = @reason where council_id = @council and order_id = @id and status = 'in-force'",
            paid.Select(o => new { council = council.Value, id = o.OrderId, asAt, reason }), tx);
        await AccountEventBatch.WriteAsync(connection, tx, council, [.. paid.Select(o => new NewAccountEvent(o.AccountId, now, asAt, "attachment-order-paid",
            $"Attachment of earnings order {o.OrderId} ended on {DateText.FormatIso(asAt)}: {reason.ToLowerInvariant()} ({o.Year}); the employer is told to stop deducting",
            officer, EnforcementLaw.AttachmentSource))]);
        return [.. paid.Select(o => o with { Status = AttachmentOrders.Paid, EndedOn = asAt, EndReason = reason })];
    }
}
