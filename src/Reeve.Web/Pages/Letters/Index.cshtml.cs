using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Letters;
using Reeve.Persistence;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Letters;

/// <summary>The print batches written for the council, newest first, each file downloadable for the print supplier.</summary>
public sealed class IndexModel(ReeveDatabase db) : PageModel
{
    public IReadOnlyList<PrintRunSummary> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Runs = await PrintFiles.ListAsync(connection, User.CouncilId());
    }
}
