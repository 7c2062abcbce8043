using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// An officer changes how an account pays, if nobody has changed the account since they read it (the version
/// they read). The change, its line on the account's timeline and its audit line are written in one transaction.
/// </summary>
public static class ChangePaymentMethod
{
    /// <summary>The ways an account can pay, as stored, in the order a form offers them.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["direct-debit", "card", "bank-transfer", "cash"];

    /// <summary>Who asks for the change, and from which address (kept on the audit line).</summary>
    public sealed record Officer(string Username, string? RemoteAddress);

    /// <summary>A payment method as officers and payers read it ("Direct Debit"); an unknown code as it is.</summary>
    public static string Describe(string code) => code switch
    {
        "cash" => "Cash",
        "direct-debit" => "Direct Debit",
        "card" => "Card",
        "bank-transfer" => "Bank transfer",
        _ => code,
    };

    /// <summary>Opens a connection and a transaction, makes the change and commits it, or rolls back if it is refused.</summary>
    public static async Task<Outcome<Account>> ChangeAsync(
        ReeveDatabase db, CouncilId council, AccountReference reference, string? paymentMethod, int version, Officer officer, Instant now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await ChangeAsync(connection, tx, council, reference, paymentMethod, version, officer, now);
        if (outcome is Outcome<Account>.Done)
        {
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        return outcome;
    }

    /// <summary>The change inside the caller's transaction; the caller commits it when it is Done.</summary>
    public static async Task<Outcome<Account>> ChangeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountReference reference, string? paymentMethod, int version, Officer officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(paymentMethod))
        {
            return new Outcome<Account>.Invalid("paymentMethod", "Choose how the account pays");
        }

        if (!(await AccountStore.ByReferencesAsync(connection, council, [reference.Value], tx)).TryGetValue(reference.Value, out var account))
        {
            return new Outcome<Account>.NotFound($"account {reference}");
        }

        var outcome = await AccountStore.ChangePaymentMethodAsync(connection, tx, council, account.AccountId, version, paymentMethod);
        if (outcome is Outcome<Account>.Done done)
        {
            var summary = $"Payment method changed from {Describe(account.PaymentMethod)} to {Describe(done.Value.PaymentMethod)}";
            await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, now.InZone(UkTime.Zone).Date,
                "payment-method-changed", summary, officer.Username, null);
            await AuditTrail.RecordAsync(connection, tx, council, officer.Username, AuditTrail.Actions.Change, "account", reference.Value, summary,
                officer.RemoteAddress, now);
        }

        return outcome;
    }
}
