using System.Data.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Officers;

/// <summary>
/// The fields an administrator sets on an officer, shared by the create and change pages: name, email, role, councils
/// and approval limit. The Officers module checks them and names the field at fault.
/// </summary>
[Authorize(Policy = Authentication.SystemAdministratorPolicy)]
public abstract class OfficerFormPage : PageModel
{
    [BindProperty(Name = "displayName")] public string? DisplayName { get; set; }
    [BindProperty(Name = "email")] public string? Email { get; set; }
    [BindProperty(Name = "role")] public string? Role { get; set; }
    [BindProperty(Name = "councils")] public List<int> Councils { get; set; } = [];
    [BindProperty(Name = "approvalLimit")] public string? ApprovalLimit { get; set; }

    public IReadOnlyList<Council> AllCouncils { get; private set; } = [];

    /// <summary>A one-time link just issued: shown on this response only, never stored or shown again.</summary>
    public IssuedLink? Issued { get; protected set; }

    public string LinkAddress(IssuedLink link) => $"{Request.Scheme}://{Request.Host}/officers/set-password?token={link.Token}";

    protected AdminActor Actor => new(User.OfficerUsername(), User.OfficerRole()!.Value, User.CouncilId(), OfficerAudit.RemoteAddress(HttpContext));

    protected async Task LoadCouncilsAsync(DbConnection connection) => AllCouncils = await CouncilStore.AllAsync(connection);

    /// <summary>The details as typed, or null (with the error on the form) when the approval limit is not an amount.</summary>
    protected OfficerDetails? ReadDetails()
    {
        Money? limit = null;
        if (!string.IsNullOrWhiteSpace(ApprovalLimit))
        {
            if (!MoneyText.TryParse(ApprovalLimit, out var amount, out var error))
            {
                ModelState.AddModelError("approvalLimit", error);
                return null;
            }

            limit = amount;
        }

        return new OfficerDetails(DisplayName ?? "", Email, Role, Councils.Select(c => new CouncilId(c)).ToList(), limit);
    }

    /// <summary>Puts a refusal on the form, against the field it names (a rule's refusal at the top).</summary>
    protected void Refuse<T>(Outcome<T> outcome)
    {
        switch (outcome)
        {
            case Outcome<T>.Invalid { Field: var field, Message: var message }:
                ModelState.AddModelError(field, message);
                break;
            case Outcome<T>.Conflict { Message: var message }:
                ModelState.AddModelError("", message);
                break;
        }
    }
}
