using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Pages.Officers;

/// <summary>
/// One officer, for a System Administrator: change their name, email, role, councils and approval limit; disable or
/// enable them; issue a one-time link to reset their password (shown once). Each step is audited by the module.
/// </summary>
public sealed class OfficerModel(ReeveDatabase db, IClock clock) : OfficerFormPage
{
    [FromRoute] public int Id { get; set; }

    public OfficerSummary? Officer { get; private set; }

    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(fillForm: true, ct))
        {
            return NotFound();
        }

        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => StepAsync<string>(
        (c, tx) => ReadDetails() is { } details ? AdministerOfficers.EditAsync(c, tx, Actor, Id, details, clock.GetCurrentInstant()) : null, ct);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => StepAsync<string>(
        (c, tx) => AdministerOfficers.SetDisabledAsync(c, tx, Actor, Id, true, clock.GetCurrentInstant()), ct);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => StepAsync<string>(
        (c, tx) => AdministerOfficers.SetDisabledAsync(c, tx, Actor, Id, false, clock.GetCurrentInstant()), ct);

    public Task<IActionResult> OnPostResetLinkAsync(CancellationToken ct) => StepAsync<IssuedLink>(
        (c, tx) => AdministerOfficers.IssueResetLinkAsync(c, tx, Actor, Id, clock.GetCurrentInstant()), ct);

    /// <summary>
    /// Runs one step in a transaction: a change redirects back with its summary; a link is shown on this response only;
    /// a refusal goes on the form against its field and nothing is saved.
    /// </summary>
    private async Task<IActionResult> StepAsync<T>(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<Outcome<T>>?> step, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = step(connection, tx) is { } running ? await running : null;
        switch (outcome)
        {
            case Outcome<T>.Done { Value: IssuedLink link }:
                await tx.CommitAsync(ct);
                Issued = link;
                await LoadAsync(fillForm: true, ct);
                return Page();
            case Outcome<T>.Done { Value: var summary }:
                await tx.CommitAsync(ct);
                Notice = summary?.ToString();
                return Redirect($"/officers/{Id}");
            case Outcome<T>.NotFound:
                return NotFound();
            case { } refused:
                Refuse(refused);
                break;
        }

        await tx.RollbackAsync(ct);
        return await LoadAsync(fillForm: false, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await LoadCouncilsAsync(connection);
        Officer = await AdministerOfficers.GetAsync(connection, Id, clock.GetCurrentInstant());
        if (Officer is null)
        {
            return false;
        }

        if (fillForm)
        {
            DisplayName = Officer.DisplayName;
            Email = Officer.Email;
            Role = Officer.Role.Name();
            Councils = Officer.Councils.Select(c => c.Value).ToList();
            ApprovalLimit = Officer.ApprovalLimit?.ToPlainString();
        }

        return true;
    }
}
