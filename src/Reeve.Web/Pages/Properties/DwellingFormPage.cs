using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Features.ViewProperty;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Properties;

/// <summary>
/// What the forms that record a dwelling's council tax facts share. The council tax module checks, writes and
/// re-bills in the transaction this page opens; on success the change is audited in that transaction and committed,
/// and the officer goes back to the property with a banner listing the new bill versions; a refusal is shown against
/// the field it names, and nothing is written.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public abstract class DwellingFormPage(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public long Uprn { get; private set; }

    public Property? Property { get; private set; }

    public DwellingCouncilTax? Record { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? NoticeLines { get; set; }

    protected ReeveDatabase Db => db;

    protected OfficerAudit Audit => audit;

    protected LocalDate Today => UkTime.Today(clock);

    /// <summary>Reads the dwelling (in the officer's council only); false if there is no such dwelling.</summary>
    protected async Task<bool> LoadAsync(long uprn, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var property = await PropertyStore.GetAsync(connection, User.CouncilId(), uprn);
        if (property is not { Kind: PropertyKind.Domestic })
        {
            return false;
        }

        Uprn = uprn;
        Property = property;
        Record = await DwellingCouncilTax.LoadAsync(connection, User.CouncilId(), uprn, Today);
        return Record is not null;
    }

    /// <summary>What was searched for when finding a person: a name or a party number.</summary>
    [BindProperty(SupportsGet = true, Name = "person")]
    public string? Person { get; set; }

    public IReadOnlyList<PartyReader.Match> Matches { get; private set; } = [];

    /// <summary>
    /// A party number finds that person; anything else searches names. The search is audited like any other.
    /// Returns the party id when exactly one person matches, so a form can choose them already.
    /// </summary>
    protected async Task<string?> FindAsync(CancellationToken ct)
    {
        var text = Person?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        await using var connection = await Db.OpenAsync(ct);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var partyId))
        {
            var party = await PartyReader.GetAsync(connection, User.CouncilId(), partyId);
            Matches = party is null ? [] : [new PartyReader.Match(party.PartyId, party.DisplayName, party.DateOfBirth, null)];
        }
        else
        {
            Matches = await PartyReader.SearchAsync(connection, User.CouncilId(), text, 20);
        }

        if (HttpMethods.IsGet(Request.Method))
        {
            await Audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.Search, OfficerAudit.Subjects.Search, "", text);
        }

        return Matches.Count == 1 ? Matches[0].PartyId.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Everyone who has lived at or owned the dwelling, once each, for choosing the person an award is about.</summary>
    public IReadOnlyList<Choice> PeopleChoices(string? noneLabel) =>
        Record!.Residents.Concat(Record.Owners)
            .DistinctBy(o => o.PartyId)
            .Select(o => new Choice(o.PartyId.ToString(CultureInfo.InvariantCulture), o.Name, $"Party {o.PartyId}"))
            .Concat(noneLabel is null ? [] : [new Choice("", noneLabel)])
            .ToList();

    /// <summary>
    /// Runs the change unless the form already has errors, and audits it in the change's own transaction, so a
    /// change is never kept without its audit line. <paramref name="fields"/> maps the last segment of the
    /// module's field path to this form's field id.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(
        string summary, IReadOnlyDictionary<string, string> fields,
        Func<DbConnection, DbTransaction, CouncilId, string, Instant, Task<Outcome<RebillDwelling.Result>>> change, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await change(connection, tx, User.CouncilId(), User.OfficerUsername(), clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<RebillDwelling.Result>.Done done:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Property,
                    Uprn.ToString(CultureInfo.InvariantCulture), summary);
                await tx.CommitAsync(ct);
                Notice = summary;
                NoticeLines = await BillBanner.LinesAsync(connection, User.CouncilId(), done.Value.NewVersions);
                return Redirect($"/properties/{Uprn}");
            case Outcome<RebillDwelling.Result>.Invalid invalid:
                ModelState.AddModelError(FormErrors.FieldFor(invalid.Field, fields), invalid.Message);
                return Page();
            case Outcome<RebillDwelling.Result>.Conflict conflict:
                ModelState.AddModelError("", conflict.Message);
                return Page();
            default:
                return NotFound();
        }
    }
}
