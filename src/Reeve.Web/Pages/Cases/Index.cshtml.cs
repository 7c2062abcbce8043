using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Cases;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.ListCases;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Cases;

/// <summary>Complaints, FOI, EIR and subject access requests, and members' enquiries: open ones first by deadline, with days left.</summary>
public sealed class IndexModel(ReeveDatabase db, IClock clock) : PageModel
{
    private const int PageSize = 50;

    public ResultPage<CaseFile> Cases { get; private set; } = new([], 0, 1, PageSize);

    public LocalDate Today { get; private set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "assigned")]
    public string? Assigned { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = UkTime.Today(clock);
        var kind = CaseKinds.FromCode(Kind);
        Kind = kind?.Code();
        State = ListCases.States.Contains(State) ? State : "open";
        Assigned = Assigned is "me" or "unassigned" ? Assigned : "anyone";
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var filter = new ListCases.Filter(kind, State!, Assigned == "me" ? User.OfficerUsername() : null, Assigned == "unassigned");
        await using var connection = await db.OpenAsync(ct);
        Cases = await ListCases.PageAsync(connection, User.CouncilId(), filter, Today, PageNumber, PageSize);
    }
}
