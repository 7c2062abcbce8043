using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Persistence;
using Reeve.Web.Features.DirectDebit;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.DirectDebit;

/// <summary>
/// The Bacs files Reeve wrote (collection runs and AUDDIS lodgements, each downloadable as written), and the Bacs report
/// items waiting for an officer because they were not applied.
/// </summary>
public sealed class IndexModel(ReeveDatabase db) : PageModel
{
    public IReadOnlyList<BacsFileLine> Runs { get; private set; } = [];

    public IReadOnlyList<BacsFileLine> Lodgements { get; private set; } = [];

    public IReadOnlyList<Reeve.Payments.BacsWorkItem> WorkItems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Runs = await BacsFiles.RecentAsync(connection, User.CouncilId(), "run");
        Lodgements = await BacsFiles.RecentAsync(connection, User.CouncilId(), "lodgement");
        WorkItems = await Reeve.Payments.BacsWorkItems.OpenAsync(connection, User.CouncilId());
    }
}
