using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Security;
using Reeve.Properties;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>The resident's linked accounts with what each owes: the page after signing in.</summary>
public sealed class IndexModel(ReeveDatabase db, IClock clock) : ResidentAccountPage(db, clock)
{
    public sealed record Row(Account Account, string? Address, Money Balance);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var resident = User.Resident();
        await using var connection = await Db.OpenAsync(ct);
        var accounts = await ResidentAccounts.AllAsync(connection, resident);
        var money = await AccountMoney.ForAccountsAsync(connection, resident.Council, accounts.Select(a => a.AccountId).ToList());
        var properties = await PropertyStore.GetManyAsync(connection, resident.Council, accounts.Where(a => a.Uprn is not null).Select(a => a.Uprn!.Value).Distinct().ToList());
        Rows = accounts.Select(a => new Row(a, a.Uprn is { } u && properties.TryGetValue(u, out var p) ? p.OneLine : null, money[a.AccountId].Balance)).ToList();
        foreach (var account in accounts)
        {
            await AuditAsync(connection, null, AuditTrail.Actions.View, account, "list of accounts");
        }

        return Page();
    }
}
