using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;

namespace Reeve.Web.Features.ViewPerson;

/// <summary>
/// A person or organisation with every account they are or were liable on, balances by year, recovery stage, holds,
/// arrangements, vulnerability (as far as the viewer's role allows), Breathing Space and the timeline. Read set-based
/// by <see cref="PersonAccounts.ViewAsync"/>: the same few queries whatever the number of accounts.
/// </summary>
public sealed record PersonDetails(Party Party, IReadOnlyList<PersonDetails.Liability> Accounts, PersonView View)
{
    public sealed record Liability(Account Account, AccountParty Party, string? PropertyAddress, Money Balance, PersonAccount Detail);

    public IEnumerable<PartyName> FormerNames => Party.Names.OrderByDescending(n => n.Sequence).Skip(1);

    /// <summary>The latest statement's assessment against the guidelines in force on its day, for its flags.</summary>
    public AffordabilityResult? Assessment { get; init; }

    public static async Task<PersonDetails?> LoadAsync(DbConnection connection, CouncilId council, long partyId, int viewerRank = 0)
    {
        var party = await PartyReader.GetAsync(connection, council, partyId);
        if (party is null)
        {
            return null;
        }

        var view = await PersonAccounts.ViewAsync(connection, council, partyId, viewerRank);
        AffordabilityResult? assessment = null;
        if (view.LatestIncomeAndExpenditure is { } ie)
        {
            var guidelines = await SpendingGuidelineStore.InForceOnAsync(connection, council, ie.TakenOn);
            assessment = Affordability.Assess(ie.Budget, guidelines);
        }

        return new PersonDetails(
            party,
            view.Accounts.Select(a => new Liability(a.Account, a.Liability, a.Property, a.Balance, a)).ToList(),
            view) { Assessment = assessment };
    }

    public bool HoldInForce(long accountId, LocalDate day) => View.Holds.Any(h => h.AccountId == accountId && h.InForceOn(day));
}
