using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.ViewAccount;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

public sealed class AccountModel(ReeveDatabase db, OfficerAudit audit) : PageModel
{
    public AccountDetails? Details { get; private set; }

    public IReadOnlyList<AuditEntry>? Audit { get; private set; }

    /// <summary>Bill versions, working and instalments, for a council tax account.</summary>
    public CouncilTaxBills? Bills { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? NoticeLines { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        Details = await AccountDetails.LoadAsync(connection, User.CouncilId(), parsed);
        if (Details is null)
        {
            return NotFound();
        }

        if (Details.Account.Kind == AccountKind.CouncilTax)
        {
            Bills = await CouncilTaxBills.LoadAsync(connection, User.CouncilId(), Details.Account.AccountId);
        }

        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, parsed.Value, "Account page");
        if (User.CanReadAudit())
        {
            Audit = await AuditTrail.ForSubjectAsync(connection, User.CouncilId(), OfficerAudit.Subjects.Account, parsed.Value, 50);
        }

        return Page();
    }
}
