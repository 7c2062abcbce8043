using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Reporting;
using Reeve.Reporting.Domain;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Dashboards;

/// <summary>What is owed by financial year and recovery stage, and the recovery funnel for one year.</summary>
public sealed class ArrearsModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public ArrearsDashboard Dashboard { get; private set; } = null!;

    public LocalDate Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Dashboard = await ReadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var d = await ReadAsync(ct);
        var csv = new StringBuilder("financial_year,stage,account_years,owed\n");
        foreach (var y in d.Years)
        {
            foreach (var stage in Arrears.Stages)
            {
                var (count, owed) = y.At(stage);
                csv.Append(CultureInfo.InvariantCulture, $"{y.Year.StartYear},{stage.Title()},{count},{(owed.Pence / 100m).ToString("0.00", CultureInfo.InvariantCulture)}\n");
            }
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"arrears-{d.Kind.Code()}-{Show.Iso(d.AsAt)}.csv");
    }

    private async Task<ArrearsDashboard> ReadAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        var kind = DashboardChoice.Kind(Kind);
        var year = DashboardChoice.Year(Year, Today);
        Kind = kind.Code();
        Year = year.StartYear.ToString(CultureInfo.InvariantCulture);
        await using var connection = await db.OpenAsync(ct);
        return await ReadArrearsDashboard.HandleAsync(connection, User.CouncilId(), kind, year, Today);
    }

    public string OwedChart() => SvgCharts.HorizontalBars("owed-chart", $"Owed by financial year, {Dashboard.Kind.Title()}",
        Dashboard.Years.Count == 0 ? "Nothing is owed." : $"{Show.Money(Dashboard.Owed)} is owed in all, most for {Dashboard.Years.MaxBy(y => y.Owed.Pence)!.Year}.",
        Dashboard.Years.Select(y => new SvgCharts.Bar(y.Year.ToString(), y.Owed.Pence, Show.Money(y.Owed))).ToList());

    public string FunnelChart() => SvgCharts.HorizontalBars("funnel-chart", $"Recovery funnel for {Dashboard.FunnelYear}",
        string.Join("; ", Dashboard.Funnel.Select(f => $"{Show.Count(f.AccountYears)} reached {f.Stage.Title().ToLowerInvariant()}")) + ".",
        Dashboard.Funnel.Select(f => new SvgCharts.Bar(f.Stage.Title(), f.AccountYears, Show.Count(f.AccountYears))).ToList());
}
