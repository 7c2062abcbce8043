#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.People;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>
/// Reads what a council tax account's demand notice for a year is made from: the current bill version, the
/// dwelling and its charging area's precepts, the liable people and where to write to them, and the council.
/// Reads only; call it outside a transaction.
/// </summary>
public static class DemandNoticeReader
{
    /// <summary>The facts for the current bill version for the year, or for the version given (a print run's).</summary>
    public static async Task<Outcome<DemandNoticeFacts>> ReadAsync(
        DbConnection connection, CouncilId council, long accountId, FinancialYear year, int? version = null)
    {
        var account = await AccountStore.GetAsync(connection, council, accountId);
        if (account is null)
        {
            return new Outcome<DemandNoticeFacts>.NotFound($"account {accountId}");
        }

        if (account.Kind != AccountKind.CouncilTax || account.Uprn is not { } uprn)
        {
            return new Outcome<DemandNoticeFacts>.Invalid("account", $"{account.Reference.Value} is not a council tax account on a dwelling, so it has no demand notice");
        }

        var bill = version is { } v
            ? (await BillStore.AllAsync(connection, council, accountId)).FirstOrDefault(b => b.Year == year && b.Version == v)
            : await BillStore.CurrentAsync(connection, null, council, accountId, year);
        if (bill is null)
        {
            var years = (await BillStore.AllAsync(connection, council, accountId)).Select(b => b.Year.ToString()).Distinct().ToList();
            return new Outcome<DemandNoticeFacts>.Invalid("year",
                $"account {account.Reference.Value} has no bill for {year}" + (years.Count == 0 ? "" : $"; it has bills for {string.Join(", ", years)}"));
        }

        var details = await CouncilLetterDetails.GetAsync(connection, null, council)
            ?? throw new InvalidOperationException($"Account {accountId} belongs to council {council.Value}, which does not exist");
        var property = await PropertyStore.GetAsync(connection, council, uprn)
            ?? throw new InvalidOperationException($"Account {account.Reference.Value} names UPRN {uprn}, which is not on the list");
        var area = (await PropertyListings.OfAsync(connection, council, uprn))?.AreaCode;
        var precepts = area is null ? [] : await ChargeSetting.PreceptsAsync(connection, null, council, area, year);
        if (precepts.Count == 0)
        {
            return new Outcome<DemandNoticeFacts>.Invalid("year", $"no precepts are set for charging area '{area ?? "(none)"}' in {year}, so the notice cannot show them");
        }

        var parties = new List<Party>();
        foreach (var partyId in (await AccountStore.PartiesAsync(connection, council, accountId)).Select(p => p.PartyId).Distinct())
        {
            parties.Add(await PartyReader.GetAsync(connection, council, partyId)
                ?? throw new InvalidOperationException($"Account {account.Reference.Value} names party {partyId}, who is not recorded"));
        }

        return new DemandNoticeFacts(
            details, account.Reference, account.PaymentMethod, bill, property.OneLine, property.Band, precepts,
            parties.Select(p => p.DisplayName).ToList(), Addressing.Correspondence(parties, property));
    }
}
