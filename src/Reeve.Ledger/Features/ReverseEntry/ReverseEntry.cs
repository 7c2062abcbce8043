using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>
/// Undoes a posted entry by posting its mirror image: the same amount between the same books the other
/// way round, linked to the original. The original is never touched, and an entry can be reversed once.
/// </summary>
public static class ReverseEntry
{
    public const int LongestReason = 500;

    /// <summary>
    /// An officer reverses one line of an account's ledger, with their reason: the entry must be on the account the
    /// officer is looking at, and the account's timeline says what was reversed and why. Runs in the caller's
    /// transaction, which the caller commits with its audit row when the outcome is done.
    /// </summary>
    public static async Task<Outcome<PostedEntry>> ReverseOnAccountAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountReference reference, long entryId, LocalDate effectiveDate,
        string officer, string? reason, Instant now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Outcome<PostedEntry>.Invalid("reason", "Say why the entry is being reversed");
        }

        if (reason.Length > LongestReason)
        {
            return new Outcome<PostedEntry>.Invalid("reason", $"The reason must be {LongestReason} characters or fewer");
        }

        var entry = await ReadAccountLedger.EntryAsync(connection, tx, council, entryId);
        var account = entry is null ? null : await AccountStore.GetAsync(connection, council, entry.AccountId, tx);
        if (entry is null || account is null || account.Reference != reference)
        {
            return new Outcome<PostedEntry>.NotFound($"entry {entryId} on account {reference}");
        }

        var why = reason.Trim();
        var outcome = await ReverseAsync(connection, tx, council, entryId, effectiveDate, officer, why, now);
        if (outcome is Outcome<PostedEntry>.Done done)
        {
            var summary = $"{entry.Kind.Title()} of {entry.Amount.ToDisplayString()} on {DateText.LongForm.Format(entry.EffectiveDate)} reversed: {why}";
            await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, effectiveDate, "entry-reversed", summary, officer, done.Value.SourceRule);
        }

        return outcome;
    }

    /// <summary>The entry that reversed <paramref name="entryId"/>, or null while it stands.</summary>
    public static Task<long?> ReversedByAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long entryId) =>
        connection.ExecuteScalarAsync<long?>(
            "select entry_id from ledger_line where council_id = @council and reverses_entry_id = @entryId",
            new { council = council.Value, entryId }, tx);

    public static async Task<Outcome<PostedEntry>> ReverseAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long entryId, LocalDate effectiveDate,
        string postedBy, string reason, Instant now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new Outcome<PostedEntry>.Invalid("reason", "Say why the entry is being reversed");
        }

        var original = await ReadAccountLedger.EntryAsync(connection, tx, council, entryId);
        if (original is null)
        {
            return new Outcome<PostedEntry>.NotFound($"ledger entry {entryId}");
        }

        if (original.Kind == EntryKind.Reversal)
        {
            return new Outcome<PostedEntry>.Conflict("A reversal cannot itself be reversed; post the entry again instead");
        }

        if (await ReversedByAsync(connection, tx, council, entryId) is { } already)
        {
            return new Outcome<PostedEntry>.Conflict($"Entry {entryId} has already been reversed by entry {already}");
        }

        var id = await Reeve.Persistence.IdAllocator.ReserveAsync(connection, tx, council, "ledger_entry", 1);
        var reversal = new PostedEntry(council, id, original.AccountId, EntryKind.Reversal, original.Credit, original.Debit,
            original.Amount, original.Year, effectiveDate, now, postedBy, reason,
            $"Reversal of entry {entryId} ({original.SourceRule})", entryId, $"reverse:{entryId}");
        var written = await PostEntries.WriteAsync(connection, tx, [reversal], null, default);
        if (written is not { Count: > 0 })
        {
            // Another transaction reversed it after the check above; its reversal key made this insert a no-op.
            return new Outcome<PostedEntry>.Conflict($"Entry {entryId} has already been reversed");
        }

        return reversal;
    }
}
