using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.BusinessRates;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Rates;

/// <summary>
/// A hereditament on the rating list: its rateable value history in each list, who occupied it when, and this year's
/// rates for each occupation worked day by day with the law for each step. Viewing it is audited, since it names the
/// ratepayers.
/// </summary>
public sealed class HereditamentModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public const string AuditSubject = "hereditament";

    public HereditamentView.View? View { get; private set; }

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    public IReadOnlyDictionary<long, Account> Accounts { get; private set; } = new Dictionary<long, Account>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        View = await HereditamentView.LoadAsync(connection, council, id, UkTime.Today(clock), NationalRatesFigures.Current);
        if (View is null)
        {
            return NotFound();
        }

        Names = await PartyNames.CurrentAsync(connection, council, [.. View.Occupations.Select(o => o.PartyId).Distinct()]);
        Accounts = await AccountStore.GetManyAsync(connection, council, [.. View.Occupations.Select(o => o.AccountId)]);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, AuditSubject,
            id.ToString(CultureInfo.InvariantCulture), "Hereditament page");
        return Page();
    }
}
