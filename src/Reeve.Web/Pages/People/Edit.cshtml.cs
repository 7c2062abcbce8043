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
/// Change a person's or organisation's details: a change of name (kept as history, with when and why), a corrected date
/// of birth, the current email and telephone, and a new correspondence address. Audited with what changed.
/// </summary>
public sealed class EditModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    [FromRoute] public long Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Forenames { get; set; }
    [BindProperty] public string? Surname { get; set; }
    [BindProperty] public string? OrganisationName { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Line1 { get; set; }
    [BindProperty] public string? Line2 { get; set; }
    [BindProperty] public string? Town { get; set; }
    [BindProperty] public string? Postcode { get; set; }

    public DateInput NameFrom { get; private set; } = DateInput.Blank("nameFrom");

    public DateInput DateOfBirth { get; private set; } = DateInput.Blank("dateOfBirth");

    public DateInput AddressFrom { get; private set; } = DateInput.Blank("addressFrom");

    public Party? Party { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        await using var connection = await db.OpenAsync(ct);
        Party = await PartyReader.GetAsync(connection, User.CouncilId(), Id);
        if (Party is null)
        {
            return NotFound();
        }

        var name = Party.CurrentName;
        (Version, Title, Forenames, Surname, OrganisationName) = (Party.Version, name.Title, name.Forenames, name.Surname, name.OrganisationName);
        Email = Party.Contacts.FirstOrDefault(c => c.Kind == "email")?.Value;
        Phone = Party.Contacts.FirstOrDefault(c => c.Kind is "phone" or "mobile")?.Value;
        DateOfBirth = DateInput.Of("dateOfBirth", Party.DateOfBirth);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Person, Id.ToString(CultureInfo.InvariantCulture), "Opened to change details");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        var today = UkTime.Today(clock);
        await using var connection = await db.OpenAsync(ct);
        Party = await PartyReader.GetAsync(connection, User.CouncilId(), Id);
        if (Party is null)
        {
            return NotFound();
        }

        var isPerson = Party.Kind == PartyKind.Person;
        NameFrom = DateInput.Read(Request.Form, "nameFrom");
        DateOfBirth = DateInput.Read(Request.Form, "dateOfBirth");
        AddressFrom = DateInput.Read(Request.Form, "addressFrom");
        var name = isPerson ? NameParts.Person(Blank(Title), Forenames?.Trim() ?? "", Surname?.Trim() ?? "") : NameParts.Organisation(OrganisationName?.Trim() ?? "");
        var nameChanged = name.DisplayName != Party.DisplayName;
        var nameFrom = nameChanged ? NameFrom.Check(ModelState, "the date the name changed", required: true, notBefore: today.PlusYears(-130)) : null;
        var born = isPerson ? DateOfBirth.Check(ModelState, "their date of birth", required: false, notBefore: today.PlusYears(-130)) : null;
        var anyAddress = new[] { Line1, Line2, Town, Postcode }.Any(v => !string.IsNullOrWhiteSpace(v));
        var addressFrom = anyAddress ? AddressFrom.Check(ModelState, "the date they moved to the new address", required: true, notBefore: today.PlusYears(-10)) : null;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var contacts = new[] { ("email", Email), ("phone", Phone) }.Where(c => !string.IsNullOrWhiteSpace(c.Item2)).Select(c => (c.Item1, c.Item2!.Trim())).ToList();
        var request = new ChangePartyDetails.Request(
            User.CouncilId(), Id, Version,
            nameChanged ? new ChangePartyDetails.NameChange(name, nameFrom!.Value, Reason ?? "") : null,
            born, ClearDateOfBirth: isPerson && born is null && DateOfBirth.IsBlank,
            contacts,
            anyAddress ? new ChangePartyDetails.NewAddress(new RecordParty.PostalAddressInput(null, Line1?.Trim() ?? "", Blank(Line2), null, Town?.Trim() ?? "", Postcode?.Trim() ?? ""), addressFrom!.Value) : null);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await ChangePartyDetails.HandleAsync(connection, tx, request, today, User.OfficerUsername(), clock.GetCurrentInstant()))
        {
            case Outcome<ChangePartyDetails.Changed>.Done { Value: var changed }:
                var id = Id.ToString(CultureInfo.InvariantCulture);
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Person, id,
                    changed.What.Count == 0 ? "Saved with no change" : "Changed " + string.Join("; ", changed.What));
                await tx.CommitAsync(ct);
                TempData["Notice"] = changed.What.Count == 0 ? "Nothing was changed" : "Details changed";
                return Redirect($"/people/{id}");
            case Outcome<ChangePartyDetails.Changed>.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch
                {
                    "dateOfBirth" => DateOfBirth.ErrorKey,
                    "nameFrom" => NameFrom.ErrorKey,
                    "addressFrom" => AddressFrom.ErrorKey,
                    var f => f,
                }, invalid.Message);
                return Page();
            case Outcome<ChangePartyDetails.Changed>.Conflict conflict:
                ModelState.AddModelError("", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
