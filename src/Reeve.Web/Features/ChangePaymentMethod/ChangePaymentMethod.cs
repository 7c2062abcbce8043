using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Features.ChangePaymentMethod;

/// <summary>
/// Changes how an account pays, if nobody has changed the account since the officer read it. The change,
/// its timeline line and its audit line are written in one transaction.
/// </summary>
public sealed class ChangePaymentMethodCommand(ReeveDatabase db, IClock clock, OfficerAudit audit)
{
    public async Task<Outcome<Account>> RunAsync(HttpContext http, AccountReference reference, string? paymentMethod, int version, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(paymentMethod))
        {
            return new Outcome<Account>.Invalid("paymentMethod", "Choose how the account pays");
        }

        var council = http.User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, council, reference);
        if (account is null)
        {
            return new Outcome<Account>.NotFound($"account {reference}");
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await AccountStore.ChangePaymentMethodAsync(connection, tx, council, account.AccountId, version, paymentMethod);
        if (outcome is Outcome<Account>.Done done)
        {
            var now = clock.GetCurrentInstant();
            var summary = $"Payment method changed from {Show.PaymentMethod(account.PaymentMethod)} to {Show.PaymentMethod(done.Value.PaymentMethod)}";
            await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, UkTime.Today(clock),
                "payment-method-changed", summary, http.User.OfficerUsername(), null);
            await audit.RecordAsync(http, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, reference.Value, summary);
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        return outcome;
    }
}
