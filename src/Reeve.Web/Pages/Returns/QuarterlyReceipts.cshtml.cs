using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Reporting;
using Reeve.Web.Pages.Dashboards;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Returns;

/// <summary>The receipts for the quarterly return to government (QRC4), Council Tax and Business Rates, with a CSV to file from.</summary>
public sealed class QuarterlyReceiptsModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public QuarterlyReturn Return { get; private set; } = null!;

    public LocalDate Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Return = await ReadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var r = await ReadAsync(ct);
        return File(Encoding.UTF8.GetBytes(r.ToCsv()), "text/csv", $"qrc4-receipts-{r.Year.StartYear}.csv");
    }

    private async Task<QuarterlyReturn> ReadAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        var year = DashboardChoice.Year(Year, Today);
        Year = year.StartYear.ToString(CultureInfo.InvariantCulture);
        await using var connection = await db.OpenAsync(ct);
        return await ProduceQuarterlyReceipts.HandleAsync(connection, User.CouncilId(), year, Today);
    }
}
