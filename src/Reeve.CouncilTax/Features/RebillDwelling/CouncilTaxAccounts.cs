using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// Council tax accounts on a dwelling, one per set of liable people: the same people liable again later
/// (after a spell away) use the same account; anyone else gets a new one.
/// </summary>
public static class CouncilTaxAccounts
{
    public sealed record AccountOnDwelling(long AccountId, IReadOnlyList<long> Parties, int InstalmentDay, int? InstalmentsRequested);

    public static async Task<IReadOnlyList<AccountOnDwelling>> OnDwellingAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long uprn) =>
        (await PropertyAccounts.OnAsync(connection, council, AccountKind.CouncilTax, uprn, tx)).Select(From).ToList();

    internal static AccountOnDwelling From(PropertyAccounts.OnProperty a) => new(a.AccountId, a.Parties, a.InstalmentDay, a.InstalmentsRequested);

    public static async Task<AccountOnDwelling> OpenAsync(DbConnection connection, DbTransaction tx, CouncilId council, long uprn, YearBill bill, string officer, Instant now)
    {
        var from = bill.Periods[0].Period.From;
        var account = await AccountStore.OpenAsync(connection, tx, council, AccountKind.CouncilTax, uprn, from, "cash", now);
        foreach (var party in bill.Liable.Parties)
        {
            await AccountStore.AddPartyAsync(connection, tx, council,
                new AccountParty(account.AccountId, party, bill.Liable.Parties.Count > 1 ? "joint" : "liable", from, null));
        }

        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, from, "opened",
            $"Account opened: {bill.Liable.How}", officer, bill.Liable.Source);
        return new AccountOnDwelling(account.AccountId, bill.Liable.Parties, 1, null);
    }
}
