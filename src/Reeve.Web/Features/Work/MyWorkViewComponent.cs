using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Web.Security;
using Reeve.Work;

namespace Reeve.Web.Features.Work;

/// <summary>
/// "My work" on the home page: the officer's own open items and their teams' unassigned ones, by deadline, filtered by
/// kind (query "kind") and a page at a time (query "p"), each unassigned one with a Take button.
/// </summary>
public sealed class MyWorkViewComponent(ReeveDatabase db, IClock clock) : ViewComponent
{
    public sealed record Model(WorkView View, bool CanTake, string Officer, string ReturnUrl);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var request = HttpContext.Request;
        var kind = WorkRows.KindFrom(request.Query["kind"]);
        var pageNumber = int.TryParse(request.Query["p"], out var p) ? Math.Clamp(p, 1, 100_000) : 1;
        var today = UkTime.Today(clock);
        var council = HttpContext.User.CouncilId();
        var officer = HttpContext.User.OfficerUsername();
        await using var connection = await db.OpenAsync(HttpContext.RequestAborted);
        var page = await WorkLists.MyWorkAsync(connection, council, officer, kind, pageNumber, today);
        var view = await WorkRows.ForAsync(connection, council, page, kind, today);
        return View(new Model(view, HttpContext.User.CanChange(), officer, request.Path + request.QueryString));
    }
}
