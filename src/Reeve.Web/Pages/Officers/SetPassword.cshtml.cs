using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;

namespace Reeve.Web.Pages.Officers;

/// <summary>
/// The page a one-time link opens: the officer sets their first or a new password (the same rules and hashing as every
/// password), the link is used up, their sessions end, and it is audited. No one needs to be signed in.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(ReeveDatabase db, IClock clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")] public string? Token { get; set; }
    [BindProperty(Name = "password")] public string? Password { get; set; }
    [BindProperty(Name = "confirmPassword")] public string? ConfirmPassword { get; set; }

    public PasswordLinks.LinkFor? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Link = await PasswordLinks.FindAsync(connection, Token, clock.GetCurrentInstant());
        return Link is null ? Gone() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetCurrentInstant();
        Link = await PasswordLinks.FindAsync(connection, Token, now);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await PasswordLinks.SetPasswordAsync(connection, tx, Token, Password, ConfirmPassword, OfficerAudit.RemoteAddress(HttpContext), now))
        {
            case Outcome<string>.Done:
                await tx.CommitAsync(ct);
                return Redirect("/sign-in?password-set=true");
            case Outcome<string>.Invalid { Field: var field, Message: var message }:
                ModelState.AddModelError(field, message);
                await tx.RollbackAsync(ct);
                return Page();
            default:
                await tx.RollbackAsync(ct);
                return Gone();
        }
    }

    /// <summary>A used, expired or unknown link: say so and what to do, without saying which.</summary>
    private IActionResult Gone()
    {
        Link = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
