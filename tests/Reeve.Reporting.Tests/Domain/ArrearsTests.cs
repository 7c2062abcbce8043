using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.Recovery;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting.Tests.Domain;

public sealed class ArrearsTests
{
    [Fact]
    public void Owed_account_years_are_grouped_by_year_newest_first_and_by_the_furthest_stage_reached()
    {
        CollectionTotals.OwedYear[] owed =
        [
            new(1, new FinancialYear(2024), Money.FromPence(10_000)),
            new(2, new FinancialYear(2024), Money.FromPence(20_000)),
            new(1, new FinancialYear(2025), Money.FromPence(5_000)),
        ];
        var stages = new Dictionary<(long, int), StageReached> { [(1, 2024)] = StageReached.LiabilityOrder, [(1, 2025)] = StageReached.Reminder };

        var years = Arrears.ByYearAndStage(owed, stages);

        years.Select(y => y.Year.StartYear).ShouldBe([2025, 2024]);
        years[1].At(StageReached.LiabilityOrder).ShouldBe((1, Money.FromPence(10_000)));
        years[1].At(StageReached.None).ShouldBe((1, Money.FromPence(20_000)));
        years[1].Owed.ShouldBe(Money.FromPence(30_000));
        years[0].At(StageReached.Reminder).ShouldBe((1, Money.FromPence(5_000)));
    }

    [Fact]
    public void The_funnel_counts_each_account_year_at_every_step_it_passed()
    {
        var funnel = Arrears.Funnel([StageReached.Reminder, StageReached.Summons, StageReached.LiabilityOrder, StageReached.Reminder]);

        funnel.Select(f => (f.Stage, f.AccountYears)).ShouldBe(
        [
            (StageReached.Reminder, 4), (StageReached.FinalNotice, 2), (StageReached.Summons, 2), (StageReached.LiabilityOrder, 1),
        ]);
    }

    [Fact]
    public void Suspense_items_fall_in_age_bands_by_whole_days_since_they_were_paid()
    {
        var asAt = new LocalDate(2025, 12, 31);
        SuspenseAgeing.PaidDay[] open =
        [
            new(asAt.PlusDays(-7), 1, Money.FromPence(100)),
            new(asAt.PlusDays(-8), 2, Money.FromPence(200)),
            new(asAt.PlusDays(-90), 1, Money.FromPence(300)),
            new(asAt.PlusDays(-91), 3, Money.FromPence(400)),
        ];

        var bands = Arrears.SuspenseAgeing(open, asAt);

        bands.Select(b => (b.Items, b.Amount.Pence)).ShouldBe([(1, 100L), (2, 200L), (1, 300L), (3, 400L)]);
    }
}
