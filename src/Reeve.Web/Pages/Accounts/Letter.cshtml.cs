using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>
/// Preview and send one letter from an account. The form carries a key made when the page was drawn, so
/// pressing Send twice (or the browser resending) stores one notice.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class LetterModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public string Reference { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty]
    public string FormKey { get; set; } = "";

    public LetterPreview? Preview { get; private set; }

    /// <summary>The Breathing Space hold in force today when the letter asks for payment: sending it will be refused.</summary>
    public AccountHold? Moratorium { get; private set; }

    public IReadOnlyList<Choice> Types { get; } =
        LetterTypes.All.Select(t => new Choice(t.Code(), NoticeStore.Describe(t))).ToList();

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        var account = await LoadAsync(reference, ct);
        if (account is null)
        {
            return NotFound();
        }

        FormKey = Guid.NewGuid().ToString("N");
        if (Type is null)
        {
            return Page();
        }

        if (!LetterTypes.All.Any(t => t.Code() == Type))
        {
            ModelState.AddModelError("type", "Select the letter to preview");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        switch (await OneOffLetters.PreviewAsync(connection, account.Council, account.AccountId, LetterTypes.FromCode(Type), UkTime.Today(clock)))
        {
            case Outcome<LetterPreview>.Done done:
                Preview = done.Value;
                Moratorium = LetterRequests.DemandsPayment(LetterTypes.FromCode(Type))
                    ? await Moratoriums.InForceAsync(connection, null, account.Council, account.AccountId, UkTime.Today(clock))
                    : null;
                break;
            case Outcome<LetterPreview>.Invalid invalid:
                ModelState.AddModelError("type", invalid.Message);
                break;
            default:
                return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        var account = await LoadAsync(reference, ct);
        if (account is null)
        {
            return NotFound();
        }

        if (Type is null || !LetterTypes.All.Any(t => t.Code() == Type) || FormKey.Length == 0)
        {
            ModelState.AddModelError("type", "Select the letter to send");
            FormKey = Guid.NewGuid().ToString("N");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        var type = LetterTypes.FromCode(Type);
        var outcome = await OneOffLetters.SendAsync(connection, account.Council, account.AccountId, type, UkTime.Today(clock), $"{User.OfficerUsername()}/{FormKey}",
            User.OfficerUsername(), clock.GetCurrentInstant(),
            (c, tx, notice) => audit.RecordAsync(HttpContext, c, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, Reference,
                $"Sent {NoticeStore.Describe(type).ToLowerInvariant()} (notice {notice.NoticeId})"));
        switch (outcome)
        {
            case Outcome<StoredNotice>.Done done:
                Notice = $"{NoticeStore.Describe(type)} stored as notice {done.Value.NoticeId}: it prints with the next {type.Code()} print for {Show.Date(done.Value.IssuedOn)}";
                return Redirect($"/accounts/{Reference}");
            case Outcome<StoredNotice>.Invalid invalid:
                ModelState.AddModelError("type", invalid.Message);
                break;
            case Outcome<StoredNotice>.Conflict conflict:
                ModelState.AddModelError("type", conflict.Message);
                break;
            default:
                return NotFound();
        }

        FormKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    private async Task<Account?> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return null;
        }

        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, User.CouncilId(), parsed);
        Reference = account?.Reference.Value ?? "";
        return account;
    }
}
