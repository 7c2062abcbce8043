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
        // A request Kestrel found bad (a body too large, cut short) reaches here as an exception: its own status, not 500.
        var status = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.StatusCode : code ?? 500;
        (Title, Lines) = status switch
        {
            404 => ("Page not found", (IReadOnlyList<string>)
                ["If you typed the web address, check it is correct.", "If you followed a link to an account, person or property, it may belong to another council or may not exist."]),
            403 => ("You cannot do this", ["Your role does not allow this. Auditors can read records but not change them; the audit trail is for team leaders, managers, auditors and administrators."]),
            429 => ("Too many tries from this computer", ["Wait a minute and try again."]),
            413 => ("The form or file is too large", ["Go back and send less: a form takes up to 4 MB and a file on the Uploads page up to 20 MB. Import larger files with the reeve command line."]),
            414 => ("The web address is too long", ["Go back and search for fewer words: the search box takes up to 100 characters."]),
            415 => ("Sorry, the request could not be understood", ["Send the form from its page, or call the API with Content-Type: application/json."]),
            400 => ("Sorry, the request could not be understood", ["If you were filling in a form, go back, reload the page and try again."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later. Nothing you were doing has been saved twice: any change either finished or was not made."]),
        };
        Response.StatusCode = status is >= 400 and <= 599 ? status : 500;
        return Page();
    }
}
