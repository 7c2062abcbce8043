using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Cases;
using Reeve.Cases.Domain;
using Reeve.Cases.Features.LogCase;
using Reeve.Kernel;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Cases;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Cases;

/// <summary>
/// Logs a new case: from the cases list, or from a person's page (<c>?person=</c>), when the person on file is the
/// requester (and, for a subject access request, the person it concerns). Someone not on file gives a name and address.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class NewModel(ReeveDatabase db, CaseCommand command) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "person")]
    public long? Person { get; set; }

    public string? PersonName { get; private set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? RequesterName { get; set; }

    [BindProperty]
    public string? RequesterAddress { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Accounts { get; set; }

    [BindProperty]
    public string? AssignTo { get; set; }

    [BindProperty]
    public string? FormKey { get; set; }

    public DateInput Received { get; private set; } = DateInput.Blank("received");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Received = DateInput.Of("received", command.Today);
        FormKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Received = DateInput.Read(Request.Form, "received");
        var received = Received.Check(ModelState, "the date the council received it", required: true, notBefore: new NodaTime.LocalDate(2005, 1, 1));
        if (received is null)
        {
            return Page();
        }

        var key = FormKey is { Length: > 0 and <= 64 } k && k.All(char.IsAsciiLetterOrDigit) ? k : Guid.NewGuid().ToString("N");
        var request = new LogCase.Request(User.CouncilId(), CaseKinds.FromCode(Kind), received, Person, RequesterName, RequesterAddress,
            null, Description, (Accounts ?? "").Split([',', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Take(50).ToList(), AssignTo, $"form/{key}");
        var outcome = await command.RunAsync(HttpContext, f => f.CaseId, "Case logged",
            (c, tx, council, officer) => LogCase.HandleAsync(c, tx, request, command.Today, officer, command.Now), ct);
        switch (outcome)
        {
            case Outcome<CaseFile>.Done { Value: var file }:
                TempData["Notice"] = $"{file.Reference} logged";
                return Redirect($"/cases/{file.CaseId}");
            case Outcome<CaseFile>.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch { "received" => Received.ErrorKey, "requester" => "requesterName", "party" => "kind", var f => f }, invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Person is not { } id)
        {
            return true;
        }

        await using var connection = await db.OpenAsync(ct);
        PersonName = (await PartyReader.GetAsync(connection, User.CouncilId(), id))?.DisplayName;
        return PersonName is not null;
    }
}
