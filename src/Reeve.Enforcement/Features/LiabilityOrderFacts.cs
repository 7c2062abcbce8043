using System.Data.Common;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery;

namespace Reeve.Enforcement;

/// <summary>
/// What every step after a liability order reads first, through the owners' queries: the order (Recovery), its account and
/// the regime the account's stream follows (Ledger), who was liable for the order's year, and what is left to enforce.
/// </summary>
internal sealed record LiabilityOrderFacts(LiabilityOrder Order, Account Account, IReadOnlyList<long> Debtors, Money Outstanding)
{
    /// <summary>The facts, or the outcome that stops the step: no such order, or a regime without these remedies.</summary>
    public static async Task<(LiabilityOrderFacts? Facts, string? NotFound, string? Refused)> ReadAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long liabilityOrderId, LocalDate asAt)
    {
        var order = await LiabilityOrders.GetAsync(connection, council, liabilityOrderId, tx);
        if (order is null || (await AccountStore.GetManyAsync(connection, council, [order.AccountId], tx)).GetValueOrDefault(order.AccountId) is not { } account)
        {
            return (null, $"liability order {liabilityOrderId}", null);
        }

        if (EnforcementLaw.WhyNotUnder(DebtStreams.Find(account.Kind)?.Regime) is { } why)
        {
            return (null, null, why);
        }

        var year = order.Year.Days;
        var debtors = (await AccountStore.PartiesOfAsync(connection, council, [account.AccountId], tx))
            .Where(p => p.LiableFrom <= year.End && (p.LiableTo is not { } to || to >= year.Start))
            .Select(p => p.PartyId).Distinct().ToList();
        var money = await AccountMoney.ForAccountsAsync(connection, council, [account.AccountId], tx, asAt);
        var outstanding = EnforcementLaw.Outstanding(order.Total, money[account.AccountId].Year(order.Year).Balance);
        return (new LiabilityOrderFacts(order, account, debtors, outstanding), null, null);
    }
}
