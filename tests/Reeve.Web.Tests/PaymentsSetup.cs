using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.Payments.Domain.Receipts;

namespace Reeve.Web.Tests;

/// <summary>Payments made for one page test on top of the small demo council.</summary>
public static class PaymentsSetup
{
    /// <summary>
    /// A credit in suspense whose reference is the given account's with the check digit wrong, so the queue
    /// suggests that account (one slip away). Returns the item's id.
    /// </summary>
    public static async Task<long> SuspenseItemNearAsync(ReeveAppFixture app, string reference, long pence)
    {
        var last = reference[^1] == '9' ? '0' : (char)(reference[^1] + 1);
        var typed = reference[..^1] + last;
        await using var c = await app.Database.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var line = Guid.NewGuid().ToString("N")[..8];
        await SuspenseQueue.AddAsync(c, tx, app.HomeCouncil, null, "Bank credit (web test)",
            [new SuspenseQueue.NewItem(new Receipt(line, Money.FromPence(pence), CouncilTaxSetup.Today, typed, "BANKREF" + line, "A Payer"), SuspenseReason.CheckDigitWrong)],
            SystemClock.Instance.GetCurrentInstant(), CancellationToken.None);
        await tx.CommitAsync();
        return await app.QueryAsync<long>("select item_id from suspense_item where council_id = @c and line = @line", new { c = app.HomeCouncil.Value, line });
    }

    /// <summary>A new account of its own, charged £100.00 this year and paid £160.00: £60.00 in credit. Returns its reference.</summary>
    public static async Task<string> AccountInCreditAsync(ReeveAppFixture app)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var today = CouncilTaxSetup.Today;
        var year = CouncilTaxSetup.ThisYear;
        await using var c = await app.Database.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var account = await AccountStore.OpenAsync(c, tx, app.HomeCouncil, AccountKind.CouncilTax, null, year.FirstDay, "cash", now);
        NewEntry Entry(EntryKind kind, long pence) =>
            new(app.HomeCouncil, account.AccountId, kind, Money.FromPence(pence), year, today, "test", "Made by a web test", "Test rule", null);
        (await PostEntries.PostAsync(c, tx, [Entry(EntryKind.Charge, 10_000), Entry(EntryKind.Payment, 16_000)], now)).ShouldBeOfType<Outcome<PostResult>.Done>();
        await tx.CommitAsync();
        return account.Reference.Value;
    }

    /// <summary>Sets the home council's refund approval limit (the refund account is left unset).</summary>
    public static async Task RefundLimitAsync(ReeveAppFixture app, long pence)
    {
        await using var c = await app.Database.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await RefundStore.SetSettingsAsync(c, tx, app.HomeCouncil, new RefundSettings(Money.FromPence(pence), null));
        await tx.CommitAsync();
    }
}
