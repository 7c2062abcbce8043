using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages;

/// <summary>Friendly pages for 404, 403 and unexpected errors, in the GOV.UK pattern's words.</summary>
[IgnoreAntiforgeryToken]
[NoPersonalData("error pages say only what went wrong")]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";

    public IReadOnlyList<string> Lines { get; private set; } = [];

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        var status = code ?? 500;
        (Title, Lines) = status switch
        {
            404 => ("Page not found", (IReadOnlyList<string>)
                ["If you typed the web address, check it is correct.", "If you followed a link to an account, person or property, it may belong to another council or may not exist."]),
            403 => ("You cannot do this", ["Your role does not allow this. Auditors can read records but not change them; the audit trail is for team leaders, managers, auditors and administrators."]),
            400 => ("Sorry, the request could not be understood", ["If you were filling in a form, go back, reload the page and try again."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later. Nothing you were doing has been saved twice: any change either finished or was not made."]),
        };
        Response.StatusCode = status is >= 400 and <= 599 ? status : 500;
        return Page();
    }
}
