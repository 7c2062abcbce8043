using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Reconciliation;
using Reeve.Persistence;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Payments;

/// <summary>The daily reconciliation (<see cref="ReconcileDay"/>) for a day chosen with a GET form; yesterday by default.</summary>
public sealed class ReconciliationModel(ReeveDatabase db, IClock clock) : PageModel
{
    public DateInput Day { get; private set; } = DateInput.Blank("day");

    public DayReconciliation? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var typed = new DateInput("day", Request.Query["day-day"].ToString().Trim(), Request.Query["day-month"].ToString().Trim(), Request.Query["day-year"].ToString().Trim());
        Day = typed.IsBlank ? DateInput.Of("day", UkTime.Today(clock).PlusDays(-1)) : typed;
        if (Day.Check(ModelState, "the day to reconcile", required: true) is { } day)
        {
            Result = await ReconcileDay.ReconcileAsync(db, User.CouncilId(), day, ct);
        }
    }
}
