using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Uploads;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Uploads;

/// <summary>The imports an officer's role may run from the browser, each with the command line that does the same.</summary>
[NoPersonalData("a list of the kinds of file that may be uploaded")]
public sealed class IndexModel : PageModel
{
    public IReadOnlyList<UploadKind> Kinds { get; private set; } = [];

    public IActionResult OnGet()
    {
        Kinds = UploadKinds.All.Where(k => k.MayBeUsedBy(User.OfficerRole())).ToList();
        return Kinds.Count == 0 ? Forbid() : Page();
    }
}
