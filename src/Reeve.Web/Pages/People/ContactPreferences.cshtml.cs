using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

/// <summary>
/// How a person agrees to be sent notices: consent to email or text message with the address or number and
/// the date given, and its withdrawal. Without a consent in force, notices go by post only.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class ContactPreferencesModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public Party? Person { get; private set; }

    public IReadOnlyList<RecordedConsent> Consents { get; private set; } = [];

    [BindProperty]
    public string? Channel { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    public DateInput GivenOn { get; private set; } = DateInput.Blank("givenOn");

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        GivenOn = DateInput.Of("givenOn", UkTime.Today(clock));
        await using var connection = await db.OpenAsync(ct);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Person, id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Contact preferences");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        GivenOn = DateInput.Read(Request.Form, "givenOn");
        if (Channel is not ("email" or "sms"))
        {
            ModelState.AddModelError("channel", "Select how they agree to be contacted");
        }

        if (string.IsNullOrWhiteSpace(Address))
        {
            ModelState.AddModelError("address", Channel == "sms" ? "Enter the mobile number" : "Enter the email address");
        }

        var given = GivenOn.Check(ModelState, "the date they gave consent", required: true);
        if (!ModelState.IsValid || given is not { } on)
        {
            return Page();
        }

        if (on > UkTime.Today(clock))
        {
            ModelState.AddModelError(GivenOn.ErrorKey, "The date they gave consent must be today or in the past");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var channel = LetterTypes.ChannelFromCode(Channel!);
        switch (await ContactConsents.GiveAsync(connection, tx, User.CouncilId(), id, channel, Address!, on, User.OfficerUsername(), clock.GetCurrentInstant()))
        {
            case Outcome<RecordedConsent>.Done:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Person,
                    id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Consent to {Channel} recorded");
                await tx.CommitAsync(ct);
                Notice = $"Consent to {(channel == Reeve.Letters.Channel.Email ? "email" : "text messages")} recorded";
                return Redirect($"/people/{id}/contact-preferences");
            case Outcome<RecordedConsent>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>Post came back "gone away": paper notices to the address are held from now until the mark is cleared.</summary>
    public async Task<IActionResult> OnPostReturnedAsync(long id, CancellationToken ct) => await ReturnedMailAsync(id, clear: false, ct);

    public async Task<IActionResult> OnPostClearReturnedAsync(long id, CancellationToken ct) => await ReturnedMailAsync(id, clear: true, ct);

    private async Task<IActionResult> ReturnedMailAsync(long id, bool clear, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var today = UkTime.Today(clock);
        TraceTask? trace = null;
        if (clear)
        {
            await ReturnedMail.ClearAsync(connection, tx, User.CouncilId(), id, AddressSequence, today);
        }
        else
        {
            trace = await ReturnedMail.MarkAsync(connection, tx, User.CouncilId(), id, AddressSequence, today, User.OfficerUsername(), clock.GetCurrentInstant());
        }

        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Person,
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), clear ? "Returned post mark cleared" : "Post returned gone away");
        await tx.CommitAsync(ct);
        Notice = clear ? "Letters will be printed to this address again" : $"Address marked gone away: letters to it are held, not printed, and trace task {trace!.TaskId} is open";
        return Redirect($"/people/{id}/contact-preferences");
    }

    /// <summary>The address letters go to: the newest current correspondence address, or 0 for the dwelling itself.</summary>
    public int AddressSequence => Person?.Addresses.Where(a => a.ValidTo is null).OrderByDescending(a => a.ValidFrom).ThenByDescending(a => a.Sequence)
        .Select(a => a.Sequence).FirstOrDefault() ?? 0;

    public ReturnedMailMark? GoneAway { get; private set; }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, string withdraw, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || withdraw is not ("email" or "sms"))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ContactConsents.WithdrawAsync(connection, tx, User.CouncilId(), id, LetterTypes.ChannelFromCode(withdraw), UkTime.Today(clock));
        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Person,
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Consent to {withdraw} withdrawn");
        await tx.CommitAsync(ct);
        Notice = $"Consent to {(withdraw == "email" ? "email" : "text messages")} withdrawn";
        return Redirect($"/people/{id}/contact-preferences");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Person = await PartyReader.GetAsync(connection, User.CouncilId(), id);
        if (Person is null)
        {
            return false;
        }

        Consents = await ContactConsents.ForPartyAsync(connection, User.CouncilId(), id);
        GoneAway = await ReturnedMail.CurrentAsync(connection, User.CouncilId(), id, AddressSequence);
        return true;
    }
}
