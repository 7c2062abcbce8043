using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Cases;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.AnswerCase;
using Reeve.Cases.Features.AssignCase;
using Reeve.Cases.Features.EscalateComplaint;
using Reeve.Cases.Features.ExtendClock;
using Reeve.Cases.Features.PauseClock;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Cases;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Cases;

/// <summary>
/// One case: its clock (deadline, days left and how they were worked out), its history, and the work on it: assign,
/// pause and restart the clock, extend it, escalate a complaint or refer it to the Ombudsman, and answer it, which
/// writes the response letter and closes the case.
/// </summary>
[AuditSubject(CaseCommand.Subject, "id")]
public sealed class CaseModel(ReeveDatabase db, CaseCommand command) : PageModel
{
    public CaseWithClock Current { get; private set; } = null!;

    public string? PersonName { get; private set; }

    public IReadOnlyList<string> AccountReferences { get; private set; } = [];

    public IReadOnlyList<CaseLetter> Letters { get; private set; } = [];

    public LocalDate Today => command.Today;

    [BindProperty]
    public string? AssignTo { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? ExtendReason { get; set; }

    [BindProperty]
    public string? EscalateReason { get; set; }

    [BindProperty]
    public string? ReferNote { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty(Name = "response")]
    public string? ResponseText { get; set; }

    public DateInput On { get; private set; } = DateInput.Blank("on");

    public DateInput EscalatedOn { get; private set; } = DateInput.Blank("escalatedOn");

    public DateInput ReferredOn { get; private set; } = DateInput.Blank("referredOn");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Dates(null);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, "Assigned", (c, tx, council, officer, _) => AssignCase.HandleAsync(c, tx, council, id, AssignTo, Today, officer, command.Now), "assignTo", ct);

    public Task<IActionResult> OnPostPauseAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, "Clock paused", (c, tx, council, officer, on) =>
            PauseClock.PauseAsync(c, tx, council, id, CaseKinds.PauseFromCode(Reason), on!.Value, Note, Today, officer, command.Now), "reason", ct, "on");

    public Task<IActionResult> OnPostResumeAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, "Clock restarted", (c, tx, council, officer, on) =>
            PauseClock.ResumeAsync(c, tx, council, id, on!.Value, Note, Today, officer, command.Now), "on-day", ct, "on");

    public Task<IActionResult> OnPostExtendAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, "Clock extended", (c, tx, council, officer, _) => ExtendClock.HandleAsync(c, tx, council, id, ExtendReason, Today, officer, command.Now), "extendReason", ct);

    public Task<IActionResult> OnPostEscalateAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, "Complaint escalated", (c, tx, council, officer, on) =>
            EscalateComplaint.EscalateAsync(c, tx, council, id, on!.Value, EscalateReason, Today, officer, command.Now), "escalateReason", ct, "escalatedOn");

    public Task<IActionResult> OnPostReferAsync(long id, CancellationToken ct) =>
        ChangeAsync(id, "Referred to the Ombudsman", (c, tx, council, officer, on) =>
            EscalateComplaint.ReferToOmbudsmanAsync(c, tx, council, id, on!.Value, ReferNote, Today, officer, command.Now), "referNote", ct, "referredOn");

    public async Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        var outcome = await command.RunAsync(HttpContext, a => a.Case.Case.CaseId, "Case answered and closed",
            (c, tx, council, officer) => AnswerCase.HandleAsync(c, tx, council, id, Outcome, ResponseText, Today, officer, command.Now), ct);
        switch (outcome)
        {
            case Outcome<AnswerCase.Answered>.Done { Value: var done }:
                TempData["Notice"] = $"{done.Case.Case.Reference} answered and closed; the response letter is kept below";
                return Redirect($"/cases/{id}");
            case Outcome<AnswerCase.Answered>.Invalid invalid:
                ModelState.AddModelError(invalid.Field, invalid.Message);
                break;
            case Outcome<AnswerCase.Answered>.Conflict conflict:
                ModelState.AddModelError("outcome", conflict.Message);
                break;
            default:
                return NotFound();
        }

        Dates(null);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    // Each form's date has its own name, so a page showing several forms has no two fields with one id.
    private DateInput Dates(string? posted)
    {
        On = posted == "on" ? DateInput.Read(Request.Form, "on") : DateInput.Of("on", Today);
        EscalatedOn = posted == "escalatedOn" ? DateInput.Read(Request.Form, "escalatedOn") : DateInput.Of("escalatedOn", Today);
        ReferredOn = posted == "referredOn" ? DateInput.Read(Request.Form, "referredOn") : DateInput.Of("referredOn", Today);
        return posted switch { "escalatedOn" => EscalatedOn, "referredOn" => ReferredOn, _ => On };
    }

    private async Task<IActionResult> ChangeAsync(
        long id, string detail, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CouncilId, string, LocalDate?, Task<Outcome<CaseWithClock>>> change,
        string field, CancellationToken ct, string? dateName = null)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        var date = Dates(dateName);
        var on = dateName is null ? null : date.Check(ModelState, "the date", required: true, notBefore: new LocalDate(2005, 1, 1));
        if (dateName is null || on is not null)
        {
            var outcome = await command.RunAsync(HttpContext, c => c.Case.CaseId, detail, (c, tx, council, officer) => change(c, tx, council, officer, on), ct);
            switch (outcome)
            {
                case Outcome<CaseWithClock>.Done:
                    TempData["Notice"] = detail;
                    return Redirect($"/cases/{id}");
                case Outcome<CaseWithClock>.Invalid invalid:
                    ModelState.AddModelError(invalid.Field == "on" ? date.ErrorKey : FieldOf(invalid.Field, field), invalid.Message);
                    break;
                case Outcome<CaseWithClock>.Conflict conflict:
                    ModelState.AddModelError(field, conflict.Message);
                    break;
                default:
                    return NotFound();
            }
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    // The handlers name "reason" and "note"; the form's own field may be named for its form.
    private static string FieldOf(string handlerField, string formField) => handlerField is "reason" or "note" ? formField : handlerField;

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        if (await CaseStore.GetAsync(connection, council, id) is not { } file)
        {
            return false;
        }

        Current = await CaseStore.WithClockAsync(connection, council, file);
        if (file.PartyId is { } party)
        {
            PersonName = (await PartyReader.GetAsync(connection, council, party))?.DisplayName;
        }

        AccountReferences = (await AccountStore.GetManyAsync(connection, council, file.AccountIds)).Values.Select(a => a.Reference.Value).Order(StringComparer.Ordinal).ToList();
        Letters = await CaseLetters.ForCaseAsync(connection, council, id);
        return true;
    }
}
