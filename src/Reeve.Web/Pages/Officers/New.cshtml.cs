using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Pages.Officers;

/// <summary>
/// Create an officer: username, name, email, role, councils and approval limit. The officer has no password until they
/// open the one-time link this page shows once.
/// </summary>
public sealed class NewModel(ReeveDatabase db, IClock clock) : OfficerFormPage
{
    [BindProperty(Name = "username")] public string? Username { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Role = nameof(Reeve.Officers.Role.Officer);
        await using var connection = await db.OpenAsync(ct);
        await LoadCouncilsAsync(connection);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await LoadCouncilsAsync(connection);
        if (ReadDetails() is not { } details)
        {
            return Page();
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await AdministerOfficers.CreateAsync(connection, tx, Actor, Username, details, clock.GetCurrentInstant());
        if (outcome is Outcome<IssuedLink>.Done { Value: var link })
        {
            await tx.CommitAsync(ct);
            Issued = link;
            return Page();
        }

        Refuse(outcome);
        await tx.RollbackAsync(ct);
        return Page();
    }
}
