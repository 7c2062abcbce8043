using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>"Why is my bill this much": the stream's own working for the year's bill, step by step with its legal source, and its instalments.</summary>
public sealed class BillModel(ReeveDatabase db, IClock clock) : ResidentAccountPage(db, clock)
{
    public Account Account { get; private set; } = null!;

    public ExplainedBill Bill { get; private set; } = null!;

    public YearMoney Money { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, int year, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (await FindAsync(connection, reference) is not { } account
            || (await BillExplanations.CurrentBillsAsync(connection, account)).FirstOrDefault(b => b.Year.StartYear == year) is not { } bill)
        {
            return NotFoundPage();
        }

        Account = account;
        Bill = bill;
        Money = (await AccountMoney.ForAccountsAsync(connection, account.Council, [account.AccountId]))[account.AccountId].Year(new FinancialYear(year));
        await AuditAsync(connection, null, AuditTrail.Actions.View, account, $"bill for {bill.Year} and its working");
        return Page();
    }
}
