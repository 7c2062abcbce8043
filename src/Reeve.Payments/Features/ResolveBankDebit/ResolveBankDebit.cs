using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;
using Reeve.Officers;

namespace Reeve.Payments;

/// <summary>
/// An officer closes a bank debit that was waiting for them (a reversal, return or recall Reeve could not put against
/// its credit: <see cref="BankEntries.ForOfficerAsync"/>), saying what was done, for example "reversed the payment on
/// 500000013 by hand" or "not ours: the bank's error, corrected on the next statement". Closing it posts nothing and
/// changes no bank entry: the officer acts through the usual screens, and the note and who wrote it are kept once,
/// with the audit row in the same transaction.
/// </summary>
public static class ResolveBankDebit
{
    public sealed record Resolved(long ImportId, string Line, Money Amount, string Note, string ResolvedBy, Instant ResolvedAt);

    public static async Task<Outcome<Resolved>> ResolveAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long importId, string line, string? note, string officer, string? remoteAddress, Instant now)
    {
        var said = (note ?? "").Trim();
        if (said.Length == 0)
        {
            return new Outcome<Resolved>.Invalid("note", "Say what was done about the bank debit");
        }

        var entry = await connection.QuerySingleOrDefaultAsync<(string Outcome, Money Amount)?>(
            "select outcome, amount_pence from bank_entry where council_id = @council and import_id = @importId and line = @line",
            new { council = council.Value, importId, line }, tx);
        if (entry is not { Outcome: "officer" } waiting)
        {
            return new Outcome<Resolved>.NotFound($"bank debit waiting for an officer at import {importId} entry {line}");
        }

        var earlier = await connection.QuerySingleOrDefaultAsync<(string By, string Note)?>(
            "select resolved_by, note from bank_debit_resolution where council_id = @council and import_id = @importId and line = @line",
            new { council = council.Value, importId, line }, tx);
        if (earlier is { } done)
        {
            return new Outcome<Resolved>.Conflict($"The bank debit at import {importId} entry {line} was already closed by {done.By}: {done.Note}");
        }

        await connection.ExecuteAsync(
            "insert into bank_debit_resolution (council_id, import_id, line, resolved_at, resolved_by, note) values (@council, @importId, @line, @now, @officer, @said)",
            new { council = council.Value, importId, line, now, officer, said }, tx);
        await WorkQueue.CloseAsync(connection, tx, council, BankDebitWork.Source, BankDebitWork.Key(importId, line), now);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "bank-entry", $"{importId}/{line}",
            $"Closed the bank debit of {waiting.Amount.Abs().ToDisplayString()}: {said}", remoteAddress, now);
        return new Resolved(importId, line, waiting.Amount, said, officer, now);
    }
}
