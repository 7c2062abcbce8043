using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Officers;

/// <summary>Every officer of the installation, for a System Administrator: role, councils, last sign-in, disabled or locked.</summary>
[Authorize(Policy = Authentication.SystemAdministratorPolicy)]
public sealed class IndexModel(ReeveDatabase db, IClock clock) : PageModel
{
    public IReadOnlyList<OfficerSummary> Officers { get; private set; } = [];

    public IReadOnlyDictionary<int, string> CouncilNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Officers = await AdministerOfficers.ListAsync(connection, clock.GetCurrentInstant());
        CouncilNames = (await CouncilStore.AllAsync(connection)).ToDictionary(c => c.Id.Value, c => c.Name);
    }
}
