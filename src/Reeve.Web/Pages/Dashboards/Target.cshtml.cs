using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Reporting;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;


namespace Reeve.Web.Pages.Dashboards;

/// <summary>A Manager sets the in-year collection target the dashboard measures against; each setting is kept with who set it and why.</summary>
public sealed class TargetModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty]
    public string? Percent { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public CollectionTarget? InForce { get; private set; }

    public LocalDate Today { get; private set; }

    public bool MaySet => User.OfficerRole() == Role.Manager;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReadAsync(ct);
        return MaySet ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (kind, year) = await ReadAsync(ct);
        if (!MaySet)
        {
            return Forbid();
        }

        var text = (Percent ?? "").Trim().TrimEnd('%').Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || decimal.Round(percent, 2) != percent || percent <= 0 || percent > 100)
        {
            ModelState.AddModelError(nameof(Percent), "Enter the target as a percentage between 0.01 and 100, with at most two decimal places, like 96.5");
        }

        if ((Reason ?? "").Trim().Length is 0 or > 500)
        {
            ModelState.AddModelError(nameof(Reason), "Enter why the target is set, in 500 characters or fewer, for example the budget report that agreed it");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await SetCollectionTarget.HandleAsync(connection, tx, new SetCollectionTarget.Request(
            User.CouncilId(), kind, year, (int)(percent * 100), Reason!, User.OfficerUsername(), clock.GetCurrentInstant()));
        if (outcome is Outcome<CollectionTarget>.Invalid invalid)
        {
            ModelState.AddModelError(invalid.Field == "reason" ? nameof(Reason) : nameof(Percent), invalid.Message);
            return Page();
        }

        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, "collection-target", $"{kind.Code()}/{year.StartYear}",
            $"target {percent.ToString("0.00", CultureInfo.InvariantCulture)}%");
        await tx.CommitAsync(ct);
        return Redirect($"/dashboards?kind={kind.Code()}&year={year.StartYear}");
    }

    private async Task<(AccountKind Kind, FinancialYear Year)> ReadAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        var kind = DashboardChoice.Kind(Kind);
        var year = DashboardChoice.Year(Year, Today);
        Kind = kind.Code();
        Year = year.StartYear.ToString(CultureInfo.InvariantCulture);
        await using var connection = await db.OpenAsync(ct);
        InForce = await SetCollectionTarget.InForceAsync(connection, User.CouncilId(), kind, year);
        return (kind, year);
    }
}
