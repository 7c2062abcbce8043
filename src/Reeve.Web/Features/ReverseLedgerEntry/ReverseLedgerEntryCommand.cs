using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Features.ReverseLedgerEntry;

/// <summary>
/// Reverses one ledger line of an account, effective today, with the officer's reason; the reversal,
/// the account's timeline line and the audit line are written in one transaction.
/// </summary>
public sealed class ReverseLedgerEntryCommand(ReeveDatabase db, IClock clock, OfficerAudit audit)
{
    public async Task<Outcome<PostedEntry>> RunAsync(HttpContext http, AccountReference reference, long entryId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Outcome<PostedEntry>.Invalid("reason", "Say why the entry is being reversed");
        }

        if (reason.Length > 500)
        {
            return new Outcome<PostedEntry>.Invalid("reason", "The reason must be 500 characters or fewer");
        }

        var council = http.User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, council, reference);
        var entry = await ReadAccountLedger.EntryAsync(connection, null, council, entryId);
        if (account is null || entry is null || entry.AccountId != account.AccountId)
        {
            return new Outcome<PostedEntry>.NotFound($"entry {entryId} on account {reference}");
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var now = clock.GetCurrentInstant();
        var today = UkTime.Today(clock);
        var outcome = await ReverseEntry.ReverseAsync(connection, tx, council, entryId, today, http.User.OfficerUsername(), reason.Trim(), now);
        if (outcome is Outcome<PostedEntry>.Done done)
        {
            var summary = $"{entry.Kind.Title()} of {Show.Money(entry.Amount)} on {Show.Date(entry.EffectiveDate)} reversed: {reason.Trim()}";
            await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, today, "entry-reversed", summary,
                http.User.OfficerUsername(), done.Value.SourceRule);
            await audit.RecordAsync(http, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, reference.Value,
                $"Reversed ledger entry {entryId}: {reason.Trim()}");
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        return outcome;
    }
}
