using System.Data.Common;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>The council tax base return (CTB) for one council: its columns, the dates counted on, and how it was made.</summary>
public sealed record TaxBaseReturn(LocalDate ListDate, LocalDate AwardsDate, IReadOnlyList<TaxBaseColumn> Columns, int DwellingsWithNoLiability, IReadOnlyList<long> NotCounted)
{
    public TaxBaseColumn Total => new(
        "Total", 0, Columns.Where(c => c.Ninths != 5).Sum(c => c.OnList), Columns.Where(c => c.Ninths != 5).Sum(c => c.Exempt),
        Columns.Sum(c => c.Chargeable), Columns.Sum(c => c.DisabledReductions), Columns.Sum(c => c.SinglePersonDiscounts),
        Columns.Sum(c => c.FiftyPercentDiscounts), Columns.Sum(c => c.OtherDiscounts), Columns.Sum(c => c.LongTermEmptyOrSecondHomePremiums),
        Columns.Sum(c => c.WithReduction), Columns.Sum(c => c.EquivalentDwellings), Columns.Sum(c => c.BandDEquivalents), Columns.Sum(c => c.ReductionBandDEquivalents));
}

/// <summary>
/// Counts the council tax base from the dwellings and their facts as recorded: each domestic dwelling's band on the
/// list date, and its exemption, discount, premium, disabled reduction and Council Tax Reduction on the awards date,
/// as the billing rules work them out for that day. Nothing is written.
/// </summary>
public static class CountTaxBase
{
    private const int ChunkSize = 5_000;

    public static async Task<TaxBaseReturn> HandleAsync(DbConnection connection, CouncilId council, LocalDate listDate, LocalDate awardsDate, CancellationToken ct = default)
    {
        var year = FinancialYear.Containing(awardsDate);
        var localDiscounts = await LocalDiscounts.ForYearAsync(connection, null, council, year);
        // Any band D charge serves: only the percentages the rules decide are counted, not the amounts.
        var bandD = Money.FromPence(100_000);
        var dwellings = new List<TaxBaseDwelling>();
        var noLiability = 0;
        var notCounted = new List<long>();
        for (var after = 0L; ;)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = await AnnualBillingChunk.LoadAsync(connection, council, year, after, ChunkSize);
            if (chunk.Dwellings.Count == 0)
            {
                break;
            }

            foreach (var d in chunk.Dwellings)
            {
                if (d.Band is null)
                {
                    notCounted.Add(d.Uprn);
                    continue;
                }

                var facts = DwellingFactsStore.Build(d.Uprn, d.Band?.ToString() ?? "", chunk.Bands[d.Uprn], chunk.Residents[d.Uprn], chunk.Owners[d.Uprn], chunk.Awards[d.Uprn].ToList());
                var listed = facts.Bands.Where(b => b.EffectiveFrom <= listDate).OrderBy(b => b.EffectiveFrom).LastOrDefault();
                if (listed is null)
                {
                    continue; // not yet on the list on the list date
                }

                // A dwelling whose facts contradict themselves cannot be billed either; it is named for an officer to put right.
                if (FactProblems.Find(facts).Count > 0)
                {
                    notCounted.Add(d.Uprn);
                    continue;
                }

                var period = YearBills.For(facts, year, bandD, localDiscounts)
                    .SelectMany(b => b.Periods)
                    .FirstOrDefault(p => p.Period.From <= awardsDate && awardsDate <= p.Period.To);
                if (period is null)
                {
                    noLiability++;
                    dwellings.Add(new TaxBaseDwelling(d.Uprn, listed.Band, false, null, 0, 0, 0, NoLiabilityRecorded: true));
                    continue;
                }

                var p = period.Period;
                dwellings.Add(new TaxBaseDwelling(d.Uprn, listed.Band, p.DisabledBandReduction, p.ExemptionClass, period.Charge.DiscountPercent,
                    period.Charge.PremiumPercent, p.ReductionPercent, NoLiabilityRecorded: false));
            }

            after = chunk.Dwellings[^1].Uprn;
        }

        return new TaxBaseReturn(listDate, awardsDate, TaxBase.Columns(dwellings), noLiability, notCounted);
    }
}
