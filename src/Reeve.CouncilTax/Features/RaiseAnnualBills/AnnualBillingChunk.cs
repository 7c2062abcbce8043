#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>One chunk of dwellings (in UPRN order) with everything needed to bill them, read in a few queries.</summary>
internal sealed class AnnualBillingChunk
{
    public required IReadOnlyList<PropertyListing> Dwellings { get; init; }
    public required ILookup<long, DwellingFactsStore.BandRow> Bands { get; init; }
    public required ILookup<long, DwellingFactsStore.ResidenceRow> Residents { get; init; }
    public required ILookup<long, DwellingFactsStore.OwnershipRow> Owners { get; init; }
    public required ILookup<long, DwellingFactsStore.AwardRow> Awards { get; init; }
    public required ILookup<long, CouncilTaxAccounts.AccountOnDwelling> Accounts { get; init; }
    public required HashSet<long> Billed { get; init; }

    public static async Task<AnnualBillingChunk> LoadAsync(DbConnection connection, CouncilId council, FinancialYear year, long after, int size)
    {
        // Every read is of the chunk's UPRN range (or the accounts found on it), so a chunk takes the same few queries
        // however many dwellings it holds; the owners' rows are joined here, in memory.
        var dwellings = await PropertyListings.DomesticAfterAsync(connection, council, after, size);
        if (dwellings.Count == 0)
        {
            return Empty();
        }

        var range = new { council = council.Value, first = dwellings[0].Uprn, last = dwellings[^1].Uprn };
        const string InRange = "council_id = @council and uprn >= @first and uprn <= @last";
        var bands = await connection.QueryAsync<(long Uprn, LocalDate From, string Band)>($"select uprn, effective_from, band from band_change where {InRange}", range);
        var residents = await connection.QueryAsync<(long Uprn, long Id, long Party, LocalDate From, LocalDate? To, string Interest, long? Partner)>(
            $"select uprn, residence_id, party_id, resident_from, resident_to, interest, partner_of from residence where {InRange} order by resident_from, residence_id", range);
        var owners = await connection.QueryAsync<(long Uprn, long Party, LocalDate From, LocalDate? To)>(
            $"select uprn, party_id, owned_from, owned_to from ownership where {InRange} order by owned_from", range);
        var awards = await connection.QueryAsync<(long Uprn, string Kind, long? Party, string? Code, int? Percent, LocalDate? Since, LocalDate From, LocalDate? To, long? Amount)>(
            $"select uprn, kind, party_id, code, percent, since, award_from, award_to, amount_pence from ctax_award where {InRange} order by award_from, award_id", range);
        var accounts = await PropertyAccounts.InRangeAsync(connection, council, AccountKind.CouncilTax, range.first, range.last);
        var billed = accounts.Count == 0 ? [] : await BillStore.BilledInYearAsync(connection, null, council, year, accounts.Select(a => a.AccountId).ToList());
        return new AnnualBillingChunk
        {
            Dwellings = dwellings,
            Bands = bands.ToLookup(b => b.Uprn, b => new DwellingFactsStore.BandRow { effective_from = b.From, band = b.Band }),
            Residents = residents.ToLookup(r => r.Uprn, r => new DwellingFactsStore.ResidenceRow
            {
                residence_id = r.Id, party_id = r.Party, resident_from = r.From, resident_to = r.To, interest = r.Interest, partner_of = r.Partner,
            }),
            Owners = owners.ToLookup(o => o.Uprn, o => new DwellingFactsStore.OwnershipRow { party_id = o.Party, owned_from = o.From, owned_to = o.To }),
            Awards = awards.ToLookup(a => a.Uprn, a => new DwellingFactsStore.AwardRow
            {
                kind = a.Kind, party_id = a.Party, code = a.Code, percent = a.Percent, since = a.Since, award_from = a.From, award_to = a.To, amount_pence = a.Amount,
            }),
            Accounts = accounts.ToLookup(a => a.Uprn, CouncilTaxAccounts.From),
            Billed = [.. billed],
        };
    }

    private static AnnualBillingChunk Empty() => new()
    {
        Dwellings = [],
        Bands = Array.Empty<(long, DwellingFactsStore.BandRow)>().ToLookup(x => x.Item1, x => x.Item2),
        Residents = Array.Empty<(long, DwellingFactsStore.ResidenceRow)>().ToLookup(x => x.Item1, x => x.Item2),
        Owners = Array.Empty<(long, DwellingFactsStore.OwnershipRow)>().ToLookup(x => x.Item1, x => x.Item2),
        Awards = Array.Empty<(long, DwellingFactsStore.AwardRow)>().ToLookup(x => x.Item1, x => x.Item2),
        Accounts = Array.Empty<(long, CouncilTaxAccounts.AccountOnDwelling)>().ToLookup(x => x.Item1, x => x.Item2),
        Billed = [],
    };

    /// <summary>
    /// Works out every bill in the chunk (pure: no I/O), then gathers the results in UPRN order. (Working dwellings
    /// out in parallel was slower on a two-core machine, where the database needs the other core for its COPY.)
    /// </summary>
    public AnnualBillingWork Plan(RaiseAnnualBills.Options options, IReadOnlyDictionary<string, Money> bandD, IReadOnlyDictionary<string, int> localDiscounts, RaiseAnnualBills.Tally tally)
    {
        var results = new Outcome[Dwellings.Count];
        for (var i = 0; i < Dwellings.Count; i++)
        {
            results[i] = Bill(Dwellings[i], options, bandD, localDiscounts);
        }

        var work = new AnnualBillingWork();
        foreach (var result in results)
        {
            if (result.Problem is { } problem)
            {
                tally.Problems.Add(problem);
                continue;
            }

            tally.AlreadyBilled += result.AlreadyBilled;
            foreach (var (account, bill, plan, working) in result.Bills)
            {
                work.Add(result.Uprn, account, bill, plan, working);
                if (account is null)
                {
                    tally.NewAccounts++;
                }

                tally.Bills++;
                tally.Total += bill.NetCharge;
                var band = bill.Periods[^1].Period.Band.ToString();
                tally.ByBand[band] = tally.ByBand.GetValueOrDefault(band) + 1;
            }
        }

        return work;
    }

    // Most bills share their instalments and their working with thousands of others (see Memo). A one-period
    // bill's working depends only on the period's dates, how and why the parties are liable, the band and the
    // charge (the same ChargeResult instance for the same case, from YearBills' memo).
    private static readonly Memo<(Money Net, NodaTime.LocalDate IssuedOn, FinancialYear Year, int? Requested, int Day), IReadOnlyList<Instalment>> Plans = new(100_000);
    private static readonly Memo<(NodaTime.LocalDate From, NodaTime.LocalDate To, string How, string Source, Band Band, ChargeResult Charge), string> Workings = new(100_000);

    private sealed record Outcome(
        long Uprn,
        AnnualBillingProblem? Problem,
        int AlreadyBilled,
        IReadOnlyList<(CouncilTaxAccounts.AccountOnDwelling? Account, YearBill Bill, IReadOnlyList<Instalment> Plan, string Working)> Bills);

    private Outcome Bill(PropertyListing d, RaiseAnnualBills.Options options, IReadOnlyDictionary<string, Money> bandD, IReadOnlyDictionary<string, int> localDiscounts)
    {
        var facts = DwellingFactsStore.Build(d.Uprn, d.Band?.ToString() ?? "", Bands[d.Uprn], Residents[d.Uprn], Owners[d.Uprn], Awards[d.Uprn].ToList());
        if (FactProblems.Find(facts) is [var problem, ..])
        {
            return new Outcome(d.Uprn, new AnnualBillingProblem(d.Uprn, problem.Field, problem.Message), 0, []);
        }

        if (d.AreaCode is null || !bandD.TryGetValue(d.AreaCode, out var charge))
        {
            return new Outcome(d.Uprn, new AnnualBillingProblem(d.Uprn, "areaCode", $"No Band D charge is set for area '{d.AreaCode ?? "(none)"}' in {options.Year}"), 0, []);
        }

        var already = 0;
        var bills = new List<(CouncilTaxAccounts.AccountOnDwelling?, YearBill, IReadOnlyList<Instalment>, string)>();
        foreach (var bill in YearBills.For(facts, options.Year, charge, localDiscounts))
        {
            var account = Accounts[d.Uprn].FirstOrDefault(a => a.Parties.SequenceEqual(bill.Liable.Parties));
            if (account is not null && Billed.Contains(account.AccountId))
            {
                already++;
                continue;
            }

            if (bill.NetCharge.IsZero && account is null && bill.Periods.All(p => p.Period.ExemptionClass is null))
            {
                continue;
            }

            var plan = Plans.Get((bill.NetCharge, options.IssuedOn, options.Year, account?.InstalmentsRequested, account?.InstalmentDay ?? 1),
                static k => Instalments.Plan(InstalmentRegime.CouncilTax, k.Net, k.IssuedOn, k.Year, k.Requested, k.Day).Instalments);
            var working = bill.Periods is [var only]
                ? Workings.Get((only.Period.From, only.Period.To, only.Period.Liable.How, only.Period.Liable.Source, only.Period.Band, only.Charge), _ => BillWorking.ToJson(bill))
                : BillWorking.ToJson(bill);
            bills.Add((account, bill, plan, working));
        }

        return new Outcome(d.Uprn, null, already, bills);
    }
}
