using NodaTime;
using Reeve.Kernel;

namespace Reeve.Recovery.Tests.Domain;

public class RecoveryRunReportPagingTests
{
    private static RecoveryRunLine Line(int i, string stage, long pence) =>
        new(i, (100_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), new FinancialYear(2026), stage, "why", "law", Money.FromPence(pence), null);

    private static RecoveryRunReport Report(params RecoveryRunLine[] lines) =>
        new(null, new LocalDate(2026, 9, 15), "preview", lines.Length + 10,
            lines.GroupBy(l => l.Stage).ToDictionary(g => g.Key, g => g.Count()).Append(new KeyValuePair<string, int>("up-to-date", 10)).ToDictionary(),
            lines, 0);

    [Fact]
    public void A_long_preview_is_read_fifty_lines_a_page_in_reference_order_with_none_lost_or_repeated()
    {
        var lines = Enumerable.Range(1, 120).Reverse().Select(i => Line(i, i % 3 == 0 ? "final" : "reminder", 100)).ToArray();
        var report = Report(lines);

        var pages = Enumerable.Range(1, 3).Select(p => report.LinesPage(null, p, 50)).ToList();

        pages.Select(p => p.Items.Count).ShouldBe([50, 50, 20]);
        pages.SelectMany(p => p.Items).Select(l => l.Reference).ShouldBe(lines.Select(l => l.Reference).Order(StringComparer.Ordinal));
        pages[2].ShouldSatisfyAllConditions(p => p.Total.ShouldBe(120), p => p.PageCount.ShouldBe(3), p => p.From.ShouldBe(101), p => p.To.ShouldBe(120));
    }

    [Fact]
    public void Showing_one_stage_lists_only_its_accounts_and_a_page_past_the_end_shows_the_last()
    {
        var report = Report([.. Enumerable.Range(1, 60).Select(i => Line(i, i <= 7 ? "final" : "reminder", 100))]);

        var finals = report.LinesPage("final", 1, 50);
        var beyond = report.LinesPage("reminder", 9, 50);

        finals.Items.ShouldAllBe(l => l.Stage == "final");
        finals.Total.ShouldBe(7);
        beyond.PageNumber.ShouldBe(2);
        beyond.Items.Count.ShouldBe(3);
    }

    [Fact]
    public void Each_stage_is_totalled_in_pence_with_up_to_date_accounts_counted_at_nothing_owed()
    {
        var report = Report(Line(1, "reminder", 12_345), Line(2, "reminder", 55), Line(3, "final", 1_000_00));

        report.Totals().ToDictionary(t => t.Stage, t => (t.Accounts, t.Amount)).ShouldBe(new Dictionary<string, (int, Money)>
        {
            ["reminder"] = (2, Money.FromPence(12_400)),
            ["final"] = (1, Money.FromPence(1_000_00)),
            ["up-to-date"] = (10, Money.Zero),
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_runs_stored_summary_is_read_back_as_stages_with_their_titles()
    {
        var run = new RecoveryRunSummary(1, new LocalDate(2026, 9, 15), "prepared", "officer", null, 0, "up-to-date 40, reminder 12, no-court-session 3");

        run.Stages().Select(s => (s.Stage, s.Accounts)).ShouldBe([("up-to-date", 40), ("reminder", 12), ("no-court-session", 3)]);
        run.Stages()[0].Title.ShouldBe("Up to date");
        run.StatusTitle.ShouldBe("Prepared, waiting for approval");
    }
}
