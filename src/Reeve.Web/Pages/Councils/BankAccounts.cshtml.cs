using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Councils;

/// <summary>The council's own bank accounts, whose statements it imports; a new one is recorded by Payments.</summary>
public sealed class BankAccountsModel(ReeveDatabase db, IClock clock) : CouncilSetUpPage(db, clock)
{
    [BindProperty(Name = "name")] public string? Name { get; set; }
    [BindProperty(Name = "sortCode")] public string? SortCode { get; set; }
    [BindProperty(Name = "accountNumber")] public string? AccountNumber { get; set; }

    public IReadOnlyList<CouncilBankAccount> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var account = new CouncilBankAccounts.NewAccount(Name ?? "", SortCode, AccountNumber, null);
        if (await SaveAsync((c, tx) => CouncilBankAccounts.RecordAsync(c, tx, CouncilId, account, User.OfficerUsername(), Clock.GetCurrentInstant()),
            $"Bank account {Name?.Trim()} recorded for {Council!.Name}", ct))
        {
            return Redirect($"/councils/{Id}/bank-accounts");
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (!await FindCouncilAsync(connection))
        {
            return false;
        }

        Accounts = await CouncilBankAccounts.ListAsync(connection, null, CouncilId);
        return true;
    }
}
