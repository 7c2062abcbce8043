using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Reporting;
using Reeve.Reporting.Domain;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Dashboards;

/// <summary>The collection dashboard: the in-year collection rate by month against last year and the council's target, and the Direct Debit share.</summary>
public sealed class IndexModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public CollectionDashboard Dashboard { get; private set; } = null!;

    public LocalDate Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Dashboard = await ReadAsync(ct);

    /// <summary>The same figures as CSV: one row per month, money in pounds, rates as percentages.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var d = await ReadAsync(ct);
        var csv = new StringBuilder("month,as_at,net_debit,receipts,collection_rate_percent,last_year_rate_percent,target_percent\n");
        foreach (var m in d.ThisYear)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{m.Month.ToString("uuuu-MM", CultureInfo.InvariantCulture)},{Show.Iso(m.AsAt)},{Pounds(m.Debit)},{Pounds(m.Receipts)},{Pct(m.RateBasisPoints)},{Pct(d.SameMonthLastYear(m)?.RateBasisPoints)},{Pct(d.Target?.BasisPoints)}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"collection-{d.Kind.Code()}-{d.Year.StartYear}.csv");
    }

    private async Task<CollectionDashboard> ReadAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        var kind = DashboardChoice.Kind(Kind);
        var year = DashboardChoice.Year(Year, Today);
        Kind = kind.Code();
        Year = year.StartYear.ToString(CultureInfo.InvariantCulture);
        await using var connection = await db.OpenAsync(ct);
        return await ReadCollectionDashboard.HandleAsync(connection, User.CouncilId(), kind, year, Today);
    }

    /// <summary>The chart: this year's rate by month, last year's, and the target, on a 0 to 100% scale.</summary>
    public string Chart()
    {
        var d = Dashboard;
        var months = Enumerable.Range(0, 12).Select(i => d.Year.FirstDay.PlusMonths(i)).ToList();
        var labels = months.Select(m => m.ToString("MMM", CultureInfo.InvariantCulture)).ToList();
        double? Rate(IReadOnlyList<CollectionMonth> year, int month) =>
            year.FirstOrDefault(m => m.Month.Month == month)?.RateBasisPoints is { } bp ? bp / 100.0 : null;
        var series = new List<SvgCharts.Series>
        {
            new($"{d.Year} collected", months.Select(m => Rate(d.ThisYear, m.Month)).ToList(), SvgCharts.SeriesStyle.Solid),
            new($"{d.Year.Previous} collected", months.Select(m => Rate(d.LastYear, m.Month)).ToList(), SvgCharts.SeriesStyle.Dashed),
        };
        if (d.Target is { } target)
        {
            series.Add(new($"Target for {d.Year}: {Shares.Percent(target.BasisPoints)}", months.Select(_ => (double?)(target.BasisPoints / 100.0)).ToList(), SvgCharts.SeriesStyle.Dotted));
        }

        var latest = d.ThisYear.Count > 0 ? d.ThisYear[^1] : null;
        var description = latest?.RateBasisPoints is { } now
            ? $"By {Show.Date(latest.AsAt)}, {Shares.Percent(now)} of {d.Year}'s net debit was collected" +
              (d.SameMonthLastYear(latest)?.RateBasisPoints is { } then ? $", against {Shares.Percent(then)} by the end of the same month last year" : "") +
              (d.Target is { } t ? $"; the target for the year is {Shares.Percent(t.BasisPoints)}." : ".")
            : $"Nothing has been charged for {d.Year} yet.";
        return SvgCharts.Lines("collection-chart", $"In-year collection rate, {d.Kind.Title()}, {d.Year}", description, labels, series, 100,
            v => v.ToString("0", CultureInfo.InvariantCulture) + "%");
    }

    private static string Pounds(Money money) => (money.Pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Pct(int? bp) => bp is { } b ? (b / 100m).ToString("0.00", CultureInfo.InvariantCulture) : "";
}
