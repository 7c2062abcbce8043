using System.Data.Common;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Properties;
using Reeve.Web.Features.ViewAccount;

namespace Reeve.Web.Features.ViewProperty;

/// <summary>A property with the accounts raised on it, who is liable on each and each balance.</summary>
public sealed record PropertyDetails(Property Property, IReadOnlyList<PropertyDetails.AccountOnProperty> Accounts)
{
    public sealed record AccountOnProperty(Account Account, IReadOnlyList<AccountDetails.Liable> Parties, Money Balance);

    public static async Task<PropertyDetails?> LoadAsync(DbConnection connection, CouncilId council, long uprn)
    {
        var property = await PropertyStore.GetAsync(connection, council, uprn);
        if (property is null)
        {
            return null;
        }

        var accounts = new List<AccountOnProperty>();
        foreach (var account in await AccountStore.ForPropertyAsync(connection, council, uprn))
        {
            accounts.Add(new AccountOnProperty(
                account,
                await AccountDetails.LiablePartiesAsync(connection, council, account.AccountId),
                await ReadBalance.BalanceAsync(connection, council, account.AccountId)));
        }

        return new PropertyDetails(property, accounts);
    }
}
