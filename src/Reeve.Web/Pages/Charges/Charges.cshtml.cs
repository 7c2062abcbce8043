using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Charges;

/// <summary>
/// The council tax set for each year: each charging area's Band D charge (the sum of its precepts) and the
/// council's local discount percentages for the prescribed classes (LGFA 1992 s11A). Any officer may look;
/// only a Manager changes them.
/// </summary>
public sealed class ChargesModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public static readonly string[] Classes = ["A", "B", "C", "D"];

    [BindProperty(SupportsGet = true, Name = "year")]
    public int? Year { get; set; }

    public FinancialYear Shown { get; private set; }

    public IReadOnlyList<(string Code, string Name, Money BandD)> Areas { get; private set; } = [];

    public Dictionary<string, string?> Percents { get; } = new(StringComparer.Ordinal);

    [TempData]
    public string? Notice { get; set; }

    public bool CanSet => ChargeSetters.May(User);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanSet)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var chosen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cls in Classes)
        {
            var text = Request.Form[$"class-{cls}"].ToString().Trim().TrimEnd('%');
            Percents[cls] = text;
            if (text.Length == 0)
            {
                continue;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent <= 100)
            {
                chosen[cls] = percent;
            }
            else
            {
                ModelState.AddModelError($"class-{cls}", $"Enter class {cls}'s discount as a whole number from 0 to 100");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var (cls, percent) in chosen)
        {
            if (await LocalDiscounts.SetAsync(connection, tx, User.CouncilId(), Shown, cls, percent) is Outcome<int>.Invalid invalid)
            {
                ModelState.AddModelError($"class-{cls}", invalid.Message);
                return Page();
            }
        }

        var summary = $"Local discounts for {Shown}: {string.Join(", ", chosen.Select(c => $"class {c.Key} {c.Value}%"))}";
        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, "charges", Shown.StartYear.ToString(CultureInfo.InvariantCulture), summary);
        await tx.CommitAsync(ct);
        Notice = summary;
        return Redirect($"/council-tax/charges?year={Shown.StartYear}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Year is { } asked && FieldRules.Year(asked, "The year") is { } wrong)
        {
            ModelState.AddModelError("year", wrong);
            Year = null;
        }

        Shown = new FinancialYear(Year ?? FinancialYear.Containing(UkTime.Today(clock)).StartYear);
        Areas = await SetCharges.AreasAsync(db, User.CouncilId(), Shown);
        await using var connection = await db.OpenAsync(ct);
        var set = await LocalDiscounts.ForYearAsync(connection, null, User.CouncilId(), Shown);
        foreach (var cls in Classes)
        {
            Percents[cls] = set.TryGetValue(cls, out var p) ? p.ToString(CultureInfo.InvariantCulture) : null;
        }
    }
}

/// <summary>Setting council tax is a Manager's decision (or a System Administrator's), under the council's delegation.</summary>
public static class ChargeSetters
{
    public static bool May(System.Security.Claims.ClaimsPrincipal user) => user.OfficerRole() is Role.Manager or Role.SystemAdministrator;
}
