using System.Data.Common;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.Web.Features.ViewPerson;

/// <summary>A person or organisation with every account they are or were liable on, and its balance.</summary>
public sealed record PersonDetails(Party Party, IReadOnlyList<PersonDetails.Liability> Accounts)
{
    public sealed record Liability(Account Account, AccountParty Party, string? PropertyAddress, Money Balance);

    public IEnumerable<PartyName> FormerNames => Party.Names.OrderByDescending(n => n.Sequence).Skip(1);

    public static async Task<PersonDetails?> LoadAsync(DbConnection connection, CouncilId council, long partyId)
    {
        var party = await PartyReader.GetAsync(connection, council, partyId);
        if (party is null)
        {
            return null;
        }

        var accounts = new List<Liability>();
        foreach (var link in await AccountStore.ForPartyAsync(connection, council, partyId))
        {
            var account = await AccountStore.GetAsync(connection, council, link.AccountId);
            if (account is null)
            {
                continue;
            }

            var property = account.Uprn is { } uprn ? await PropertyStore.GetAsync(connection, council, uprn) : null;
            accounts.Add(new Liability(account, link, property?.OneLine, await ReadBalance.BalanceAsync(connection, council, account.AccountId)));
        }

        return new PersonDetails(party, accounts);
    }
}
