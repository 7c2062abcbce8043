using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Payments;
using Reeve.Persistence;

namespace Reeve.Web.Pages.Councils;

/// <summary>The council's Bacs service user for Direct Debit: number, collecting account and name, saved by Payments.</summary>
public sealed class ServiceUserNumberModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    [BindProperty(Name = "serviceUserNumber")] public string? ServiceUserNumber { get; set; }
    [BindProperty(Name = "sortCode")] public string? SortCode { get; set; }
    [BindProperty(Name = "accountNumber")] public string? AccountNumber { get; set; }
    [BindProperty(Name = "name")] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return NotFound();
        }

        if (await Mandates.OriginatorAsync(connection, null, CouncilId) is { ServiceUser: var s })
        {
            (ServiceUserNumber, SortCode, AccountNumber, Name) = (s.ServiceUserNumber, s.SortCode.ToString(), s.AccountNumber.ToString(), s.Name);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using (var connection = await Db.OpenAsync(ct))
        {
            if (!await FindCouncilAsync(connection))
            {
                return NotFound();
            }
        }

        return await SaveAsync((c, tx) => SetServiceUser.HandleAsync(c, tx, CouncilId, ServiceUserNumber, SortCode, AccountNumber, Name),
            $"Bacs service user number {ServiceUserNumber?.Trim()} set for {Council!.Name}", ct)
            ? Redirect($"/councils/{Id}")
            : Page();
    }
}
