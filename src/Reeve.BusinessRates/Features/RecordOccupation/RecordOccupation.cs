#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.BusinessRates;

/// <summary>
/// Records that a ratepayer (a People party) occupies a hereditament from a date, and so is liable for its rates
/// (LGFA 1988 s43(1)): each occupation is a Business Rates account in the Ledger with the ratepayer liable on it.
/// The reliefs the officer has found apply (charity, the small business conditions, retail use) are recorded with it.
/// Occupations of one hereditament may not overlap.
/// </summary>
public static class RecordOccupation
{
    public sealed record Request(
        CouncilId Council, string BaReference, long PartyId, LocalDate From, LocalDate? To,
        bool Charity, bool SmallBusiness, bool RetailHospitalityLeisure, string Officer);

    public sealed record Occupation(long OccupationId, long HereditamentId, Account Account);

    public static async Task<Outcome<Occupation>> RecordAsync(DbConnection connection, DbTransaction tx, Request request, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To is { } to && to < request.From)
        {
            return new Outcome<Occupation>.Invalid("to", "Must not be before the day the occupation begins");
        }

        if (!RatingLists.Held(request.From))
        {
            return new Outcome<Occupation>.Invalid("from", $"Reeve holds the rating list from {DateText.Iso.Format(RatingLists.FirstDay2023)}");
        }

        if (request.Charity && request.SmallBusiness)
        {
            return new Outcome<Occupation>.Invalid("smallBusiness", "Small business rate relief is not given with mandatory charitable relief");
        }

        var hereditament = await connection.QuerySingleOrDefaultAsync<HereditamentRow>(
            "select hereditament_id, uprn from hereditament where council_id = @council and ba_reference = @reference",
            new { council = request.Council.Value, reference = request.BaReference }, tx);
        if (hereditament is null)
        {
            return new Outcome<Occupation>.NotFound($"hereditament {request.BaReference}");
        }

        var clash = await connection.QueryFirstOrDefaultAsync<OccupationRow>(
            "select occupation_id, party_id, occupied_from, occupied_to from rates_occupation where council_id = @council and hereditament_id = @id " +
            "and occupied_from <= @last and (occupied_to is null or occupied_to >= @from) order by occupied_from",
            new { council = request.Council.Value, id = hereditament.hereditament_id, from = request.From, last = request.To ?? LocalDate.MaxIsoValue }, tx);
        if (clash is not null)
        {
            return new Outcome<Occupation>.Invalid("from",
                $"{request.BaReference} is already occupied by party {clash.party_id} from {DateText.Iso.Format(clash.occupied_from)}{(clash.occupied_to is { } end ? " to " + DateText.Iso.Format(end) : "")}; occupations may not overlap");
        }

        var account = await AccountStore.OpenAsync(connection, tx, request.Council, AccountKind.BusinessRates, hereditament.uprn, request.From, "cash", now);
        await AccountStore.AddPartyAsync(connection, tx, request.Council, new AccountParty(account.AccountId, request.PartyId, "liable", request.From, request.To));
        if (request.To is { } closed)
        {
            await AccountStore.CloseAsync(connection, tx, request.Council, account.AccountId, closed);
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, request.Council, "rates_occupation", 1);
        await connection.ExecuteAsync(
            "insert into rates_occupation (council_id, occupation_id, hereditament_id, account_id, party_id, occupied_from, occupied_to, charity, small_business, retail_hospitality_leisure, recorded_at, recorded_by) " +
            "values (@council, @id, @hereditament, @account, @party, @from, @to, @charity, @small, @rhl, @now, @officer)",
            new
            {
                council = request.Council.Value, id, hereditament = hereditament.hereditament_id, account = account.AccountId, party = request.PartyId,
                from = request.From, to = request.To, charity = request.Charity, small = request.SmallBusiness, rhl = request.RetailHospitalityLeisure,
                now, officer = request.Officer,
            },
            tx);
        return new Occupation(id, hereditament.hereditament_id, account);
    }

    private sealed class HereditamentRow
    {
        public long hereditament_id { get; set; }
        public long? uprn { get; set; }
    }

    private sealed class OccupationRow
    {
        public long occupation_id { get; set; }
        public long party_id { get; set; }
        public LocalDate occupied_from { get; set; }
        public LocalDate? occupied_to { get; set; }
    }
}
