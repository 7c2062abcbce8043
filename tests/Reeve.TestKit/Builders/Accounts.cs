using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>Opens accounts through <see cref="AccountStore"/>, each in its own committed transaction.</summary>
public static class Accounts
{
    /// <summary>Opens an account; a test that relies on the kind, opening date or payment method names it.</summary>
    public static async Task<Account> OpenAsync(
        ReeveDatabase db, CouncilId council, Instant now,
        AccountKind kind = AccountKind.CouncilTax, LocalDate? openedOn = null, string paymentMethod = "cash")
    {
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var account = await AccountStore.OpenAsync(
            connection, tx, council, kind, uprn: null, openedOn ?? new LocalDate(2025, 4, 1), paymentMethod, now);
        await tx.CommitAsync();
        return account;
    }
}
