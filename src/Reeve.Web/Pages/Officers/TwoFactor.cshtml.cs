using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Officers;

/// <summary>
/// An officer sets up a second factor for their local account: a new secret shown as an otpauth URI (and the secret
/// itself) to add to an authenticator app, confirmed with a first code. From then on sign-in asks for a code.
/// </summary>
public sealed class TwoFactorModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public bool Enrolled { get; private set; }

    public string? Secret { get; private set; }

    public string? OtpAuthUri { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var officer = await OfficerAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await SecondFactors.StartEnrolmentAsync(connection, tx, officer.OfficerId, clock.GetCurrentInstant()) is Outcome<string>.Conflict conflict)
        {
            ModelState.AddModelError("", conflict.Message);
            await tx.RollbackAsync(ct);
            await LoadAsync(ct);
            return Page();
        }

        await tx.CommitAsync(ct);
        return Redirect("/account/two-factor");
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? code, CancellationToken ct)
    {
        var officer = await OfficerAsync(ct);
        await using (var connection = await db.OpenAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (await SecondFactors.ConfirmAsync(connection, tx, officer.OfficerId, code, clock.GetCurrentInstant()))
            {
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Officer, officer.Username,
                    "Set up a second factor (authenticator app)");
                await tx.CommitAsync(ct);
                Notice = "Your second factor is set up: from now on, sign-in asks for a code from your authenticator app";
                return Redirect("/account/two-factor");
            }
        }

        ModelState.AddModelError("code", "The code is not right. Enter the 6-digit code your authenticator app shows for Reeve now.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task<OfficerAccount> OfficerAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await OfficerStore.GetAsync(connection, User.OfficerUsername())
            ?? throw new InvalidOperationException("The signed-in officer is not in the officer table");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var officer = await OfficerAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        Enrolled = await SecondFactors.IsEnrolledAsync(connection, officer.OfficerId);
        Secret = Enrolled ? null : await SecondFactors.PendingSecretAsync(connection, officer.OfficerId);
        OtpAuthUri = Secret is null ? null : Totp.Uri("Reeve", officer.Username, Totp.FromBase32(Secret));
    }
}
