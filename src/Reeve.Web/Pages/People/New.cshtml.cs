using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.People;

/// <summary>
/// Add a person or organisation not yet on file (a new resident, a new business). Saving waits on the likely-duplicate
/// check: anyone who may be the same is shown, and the officer must say none of them is.
/// </summary>
public sealed class NewModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    [BindProperty] public string? Kind { get; set; } = "person";
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Forenames { get; set; }
    [BindProperty] public string? Surname { get; set; }
    [BindProperty] public string? OrganisationName { get; set; }
    [BindProperty] public string? Line1 { get; set; }
    [BindProperty] public string? Line2 { get; set; }
    [BindProperty] public string? Town { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public bool NoneOfTheseIsTheSame { get; set; }

    public DateInput DateOfBirth { get; private set; } = DateInput.Blank("dateOfBirth");

    public IReadOnlyList<AddParty.PossibleMatch> Matches { get; private set; } = [];

    public IActionResult OnGet() => User.CanChange() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        var today = UkTime.Today(clock);
        var isPerson = Kind != "organisation";
        DateOfBirth = DateInput.Read(Request.Form, "dateOfBirth");
        var born = isPerson ? DateOfBirth.Check(ModelState, "their date of birth", required: false, notBefore: today.PlusYears(-130)) : null;
        if (Kind is not ("person" or "organisation"))
        {
            ModelState.AddModelError("kind", "Select whether this is a person or an organisation");
        }

        var anyAddress = new[] { Line1, Line2, Town, Postcode }.Any(v => !string.IsNullOrWhiteSpace(v));
        var request = new RecordParty.Request(
            User.CouncilId(),
            isPerson ? PartyKind.Person : PartyKind.Organisation,
            isPerson ? NameParts.Person(Blank(Title), Forenames?.Trim() ?? "", Surname?.Trim() ?? "") : NameParts.Organisation(OrganisationName?.Trim() ?? ""),
            born,
            today,
            new[] { ("email", Email), ("phone", Phone) }.Where(c => !string.IsNullOrWhiteSpace(c.Item2)).Select(c => (c.Item1, c.Item2!.Trim())).ToList(),
            anyAddress ? new RecordParty.PostalAddressInput(null, Line1?.Trim() ?? "", Blank(Line2), null, Town?.Trim() ?? "", Postcode?.Trim() ?? "") : null);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await AddParty.HandleAsync(connection, tx, new AddParty.Request(request, NoneOfTheseIsTheSame), today, User.OfficerUsername(), clock.GetCurrentInstant()))
        {
            case AddParty.Result.Added added:
                var id = added.PartyId.ToString(CultureInfo.InvariantCulture);
                await audit.RecordAsync(HttpContext, connection, tx, "create", OfficerAudit.Subjects.Person, id, $"Added {request.Name.DisplayName}");
                await tx.CommitAsync(ct);
                TempData["Notice"] = $"{request.Name.DisplayName} added";
                return Redirect($"/people/{id}");
            case AddParty.Result.PossibleDuplicates possible:
                // The people shown are personal data: their view is audited like a search.
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Search, OfficerAudit.Subjects.Search, "",
                    $"Possible duplicates of a new {(isPerson ? "person" : "organisation")}: {string.Join(", ", possible.Matches.Select(m => m.PartyId))}");
                await tx.CommitAsync(ct);
                Matches = possible.Matches;
                ModelState.AddModelError("noneOfTheseIsTheSame", "Check whether one of the people below is the same; if none is, say so to add a new record");
                return Page();
            case AddParty.Result.Invalid invalid:
                ModelState.AddModelError(invalid.Field == "dateOfBirth" ? DateOfBirth.ErrorKey : invalid.Field, invalid.Message);
                return Page();
            default:
                throw new InvalidOperationException("Unknown result");
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
