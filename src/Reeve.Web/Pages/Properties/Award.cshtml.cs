using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;

namespace Reeve.Web.Pages.Properties;

/// <summary>
/// Record a disregard, exemption, owner-liable class, disabled band reduction, premium or Council Tax Reduction, each
/// with its dates, evidence and review date. Whether a class fits the dwelling (an exemption for an unoccupied
/// dwelling while someone lives there, say) is the council tax module's check, shown against the class field.
/// </summary>
public sealed class AwardModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : DwellingFormPage(db, audit, clock)
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["class"] = "code", ["category"] = "code", ["percent"] = "percent", ["from"] = "from-day", ["to"] = "to-day",
        ["evidence"] = "evidence", ["partyId"] = "partyId", ["amount"] = "amount",
    };

    private static readonly HashSet<string> NeedCode = ["disregard", "exemption", "owner-liable", "local-discount"];
    private static readonly HashSet<string> NeedPerson = ["disregard", "reduction"];
    private static readonly HashSet<string> NeedPercent = ["second-home"];

    public static IReadOnlyList<Choice> Kinds { get; } = Show.AwardKinds.Select(k => new Choice(k.Code, k.Title, k.Hint)).ToList();

    [BindProperty(Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(Name = "code")]
    public string? Code { get; set; }

    [BindProperty(Name = "partyId")]
    public string? PartyId { get; set; }

    [BindProperty(Name = "percent")]
    public string? Percent { get; set; }

    [BindProperty(Name = "amount")]
    public string? Amount { get; set; }

    [BindProperty(Name = "evidence")]
    public string? Evidence { get; set; }

    public DateInput Since { get; private set; } = DateInput.Blank("since");

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public DateInput To { get; private set; } = DateInput.Blank("to");

    public DateInput Review { get; private set; } = DateInput.Blank("review");

    public async Task<IActionResult> OnGetAsync(long uprn, CancellationToken ct) => await LoadAsync(uprn, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long uprn, CancellationToken ct)
    {
        if (!await LoadAsync(uprn, ct))
        {
            return NotFound();
        }

        var kind = Kinds.FirstOrDefault(k => k.Value == Kind)?.Value;
        if (kind is null)
        {
            ModelState.AddModelError("kind", "Choose what is being awarded");
        }

        // Exemption classes are letters (SI 1992/558 art 3); categories and owner classes are officers' codes as typed.
        var code = string.IsNullOrWhiteSpace(Code) ? null : kind is "exemption" or "local-discount" ? Code.Trim().ToUpperInvariant() : Code.Trim().ToLowerInvariant();
        if (kind is not null && NeedCode.Contains(kind) && code is null)
        {
            ModelState.AddModelError("code", kind == "exemption" ? "Enter the exemption class, for example F" : "Enter the category or class");
        }

        long? party = PeopleChoices(null).Any(c => c.Value == PartyId) ? long.Parse(PartyId!, CultureInfo.InvariantCulture) : null;
        if (kind is not null && NeedPerson.Contains(kind) && party is null)
        {
            ModelState.AddModelError("partyId", "Choose the person the award is about");
        }

        int? percent = null;
        if (kind is not null && NeedPercent.Contains(kind))
        {
            if (int.TryParse(Percent?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pc) && pc <= 300)
            {
                percent = pc;
            }
            else
            {
                ModelState.AddModelError("percent", "Enter the percentage as a whole number, like 25");
            }
        }

        // A Council Tax Reduction is either a percentage under the council's scheme or a manual annual amount
        // (LGFA 1992 s13A(1)(c)), never both.
        Money? amount = null;
        if (kind == "reduction")
        {
            var hasPercent = !string.IsNullOrWhiteSpace(Percent);
            var hasAmount = !string.IsNullOrWhiteSpace(Amount);
            if (hasPercent == hasAmount)
            {
                ModelState.AddModelError("percent", "Enter either the reduction's percentage or its annual amount, not both");
            }
            else if (hasPercent)
            {
                if (int.TryParse(Percent!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pc) && pc is > 0 and <= 100)
                {
                    percent = pc;
                }
                else
                {
                    ModelState.AddModelError("percent", "Enter the percentage as a whole number from 1 to 100, like 25");
                }
            }
            else if (MoneyText.TryParse(Amount, out var parsed, out var error) && parsed.IsPositive)
            {
                amount = parsed;
            }
            else
            {
                ModelState.AddModelError("amount", error ?? "Enter the annual amount of the reduction, more than £0, like 250.00");
            }
        }

        Since = DateInput.Read(Request.Form, "since");
        From = DateInput.Read(Request.Form, "from");
        To = DateInput.Read(Request.Form, "to");
        Review = DateInput.Read(Request.Form, "review");
        var since = Since.Check(ModelState, "the date it became empty", required: false);
        var from = From.Check(ModelState, "the date the award starts", required: true);
        var to = To.Check(ModelState, "the date the award ends", required: false);
        var review = Review.Check(ModelState, "the review date", required: false);
        if (string.IsNullOrWhiteSpace(Evidence))
        {
            ModelState.AddModelError("evidence", "Record the evidence the award rests on");
        }

        var title = kind is null ? "" : Show.AwardKind(kind);
        return await SaveAsync($"{title}{(code is null ? "" : " " + code)} recorded from {(from is { } f ? Show.Date(f) : "")}", Fields,
            (connection, tx, council, officer, now) => RecordAward.RecordAsync(connection, tx, council, Uprn,
                new RecordAward.Award(kind!, party, code, percent, since, from!.Value, to, Evidence!.Trim(), review, amount),
                officer, now), ct);
    }
}
