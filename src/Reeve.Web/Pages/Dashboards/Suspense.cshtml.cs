using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Reporting;
using Reeve.Reporting.Domain;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Dashboards;

/// <summary>Money waiting in suspense by how long it has waited.</summary>
public sealed class SuspenseModel(ReeveDatabase db, IClock clock) : PageModel
{
    public SuspenseAgeingReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Report = await ReadSuspenseAgeing.HandleAsync(connection, User.CouncilId(), UkTime.Today(clock));
    }

    public string Chart() => SvgCharts.HorizontalBars("suspense-chart", "Money in suspense by age",
        Report.Items == 0 ? "Nothing is waiting in suspense." : string.Join("; ", Report.Bands.Select(b => $"{b.Label.ToLowerInvariant()}: {Show.Money(b.Amount)} in {Show.Count(b.Items)} items")) + ".",
        Report.Bands.Select(b => new SvgCharts.Bar(b.Label, b.Amount.Pence, Show.Money(b.Amount))).ToList());
}
