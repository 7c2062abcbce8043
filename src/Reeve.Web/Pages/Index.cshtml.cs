using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Search;
using Reeve.Web.Security;

namespace Reeve.Web.Pages;

/// <summary>The search page: one box; an exact account reference goes straight to the account.</summary>
public sealed class IndexModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Which page of people to show.</summary>
    [BindProperty(Name = "pp", SupportsGet = true)]
    public int PeoplePage { get; set; } = 1;

    /// <summary>Which page of properties to show.</summary>
    [BindProperty(Name = "pr", SupportsGet = true)]
    public int PropertiesPage { get; set; } = 1;

    public OneBoxSearch.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Q is null)
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Q))
        {
            ModelState.AddModelError("q", "Enter an account reference, a name, an address, a postcode or a UPRN");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        Result = await OneBoxSearch.RunAsync(connection, User.CouncilId(), Q, Math.Clamp(PeoplePage, 1, 100_000), Math.Clamp(PropertiesPage, 1, 100_000));
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.Search, OfficerAudit.Subjects.Search, "", Result.Query);
        if (Result.Account is { } reference)
        {
            return Redirect($"/accounts/{reference.Value}");
        }

        if (Result.Problem is { } problem)
        {
            ModelState.AddModelError("q", problem);
        }

        return Page();
    }
}
