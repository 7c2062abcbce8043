using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Persistence;
using Reeve.Payments;
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

    public IReadOnlyList<BacsWorkItem> WorkItems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Runs = await BacsFiles.RecentAsync(connection, User.CouncilId(), BacsFileKind.Run);
        Lodgements = await BacsFiles.RecentAsync(connection, User.CouncilId(), BacsFileKind.Lodgement);
        WorkItems = await BacsWorkItems.OpenAsync(connection, User.CouncilId());
    }
}
