using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Payments;
using Reeve.Payments.Domain.AccountStatements;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>
/// An account's statement for any period (<see cref="AccountStatement"/>), on the page or as a CSV download.
/// The period is chosen with a GET form so the page works without JavaScript and can be bookmarked; it
/// defaults to the financial year so far. Each view or download is audited.
/// </summary>
public sealed class StatementModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    public string Reference { get; private set; } = "";

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public DateInput To { get; private set; } = DateInput.Blank("to");

    public AccountStatement? Statement { get; private set; }

    public string CsvLink { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string reference, string? format, CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        From = Read("from") is { IsBlank: false } f ? f : DateInput.Of("from", FinancialYear.Containing(today).FirstDay);
        To = Read("to") is { IsBlank: false } t ? t : DateInput.Of("to", today);
        var from = From.Check(ModelState, "the first day of the period", required: true);
        var to = To.Check(ModelState, "the last day of the period", required: true);
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return NotFound();
        }

        Reference = parsed.Value;
        if (from is null || to is null)
        {
            return Page();
        }

        switch (await ProduceStatement.ProduceAsync(db, User.CouncilId(), Reference, from.Value, to.Value, ct))
        {
            case Outcome<AccountStatement>.Done { Value: var statement }:
                Statement = statement;
                break;
            case Outcome<AccountStatement>.Invalid invalid:
                ModelState.AddModelError(To.ErrorKey, invalid.Message);
                return Page();
            default:
                return NotFound();
        }

        var csv = format == "csv";
        await using (var connection = await db.OpenAsync(ct))
        {
            await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, Reference,
                $"{(csv ? "Downloaded" : "Viewed")} the statement for {Show(from.Value)} to {Show(to.Value)}");
        }

        if (csv)
        {
            return File(Encoding.UTF8.GetBytes(Statement.ToCsv()), "text/csv", $"statement-{Reference}-{Show(from.Value)}-to-{Show(to.Value)}.csv");
        }

        CsvLink = $"/accounts/{Reference}/statement?{string.Join('&', Parts(From).Concat(Parts(To)))}&format=csv";
        return Page();
    }

    private static string Show(LocalDate d) => Features.Display.Show.Iso(d);

    private static IEnumerable<string> Parts(DateInput d) =>
        [$"{d.Name}-day={Uri.EscapeDataString(d.Day)}", $"{d.Name}-month={Uri.EscapeDataString(d.Month)}", $"{d.Name}-year={Uri.EscapeDataString(d.Year)}"];

    private DateInput Read(string name) =>
        new(name, Request.Query[$"{name}-day"].ToString().Trim(), Request.Query[$"{name}-month"].ToString().Trim(), Request.Query[$"{name}-year"].ToString().Trim());
}
