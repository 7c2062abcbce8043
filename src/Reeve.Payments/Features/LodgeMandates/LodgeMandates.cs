using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Writes the AUDDIS lodgement file (formats.md 1.7: 0N new, 0C cancel, 0S convert) for every instruction not
/// yet lodged, in one transaction that also records the file and marks each instruction with it. An instruction
/// is lodged once: a second run finds none waiting. If the file was recorded but never reached the disk (a crash
/// after the commit), running again for the same processing day hands back the same bytes.
/// </summary>
public static class LodgeMandates
{
    public sealed record Lodged(long LodgementId, LocalDate ProcessingDate, string Serial, int NewInstructions, int Cancellations, int Conversions, string Content);

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Refused(string Field, string Message) : Result;

        /// <summary>Nothing is waiting; <see cref="Previous"/> is the last file lodged for that processing day, if any.</summary>
        public sealed record NothingToLodge(Lodged? Previous) : Result;

        public sealed record Done(Lodged Lodgement) : Result;
    }

    private sealed record Waiting(long InstructionId, long MandateId, long AccountId, string Code, string PayerName, string SortCode, string AccountNumber, string Reference);

    public static Task<Result> LodgeAsync(
        ReeveDatabase db, CouncilId council, LocalDate processingDate, LocalDate today, WorkingDays calendar, string officer, Instant now, CancellationToken ct = default) =>
        LodgeAsync(db, council, processingDate, today, calendar, officer, now, null, ct);

    /// <param name="inRun">
    /// Called with the file just recorded, in the run's own transaction before it commits (the page writes the officer's
    /// audit line here, so a run is never committed without it); if it throws, nothing is lodged.
    /// </param>
    public static async Task<Result> LodgeAsync(
        ReeveDatabase db, CouncilId council, LocalDate processingDate, LocalDate today, WorkingDays calendar, string officer, Instant now,
        Func<DbConnection, DbTransaction, Lodged, Task>? inRun, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var originator = await Mandates.OriginatorAsync(connection, tx, council);
        if (originator is null)
        {
            return new Result.Refused("originator", "This council has no Bacs service user number set up: run 'reeve dd originator' first");
        }

        // A 0N or 0S is only for a mandate still waiting; one cancelled before it was lodged is never sent.
        var waiting = (await connection.QueryAsync<Waiting>(
            "select i.instruction_id as InstructionId, i.mandate_id as MandateId, m.account_id as AccountId, i.code as Code, m.payer_name as PayerName, " +
            "m.sort_code as SortCode, m.account_number as AccountNumber, m.reference as Reference " +
            "from dd_instruction i join dd_mandate m on m.council_id = i.council_id and m.mandate_id = i.mandate_id " +
            "where i.council_id = @council and i.lodgement_id is null and (i.code not in ('0N', '0S') or m.status = 'pending') order by i.instruction_id",
            new { council = council.Value }, tx)).ToList();
        if (waiting.Count == 0)
        {
            return new Result.NothingToLodge(await PreviousAsync(connection, tx, council, processingDate));
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "dd_lodgement", 1);
        var serial = Serial('L', id);
        var file = new Standard18File(originator.ServiceUser, serial, today, processingDate,
            waiting.Select(w => new PaymentInstruction(SortCode.Parse(w.SortCode), AccountNumber.Parse(w.AccountNumber), w.PayerName,
                TransactionCodes.TryParse(w.Code, out var code) ? code : throw new InvalidOperationException($"Stored instruction code {w.Code}"),
                Money.Zero, w.Reference)).ToList(),
            "AUDDIS");
        var written = Standard18Writer.Write(file, calendar);
        if (written is Outcome<string>.Invalid invalid)
        {
            return new Result.Refused(NameInstruction(invalid.Field, waiting.Select(w => w.Reference).ToList()), invalid.Message);
        }

        var content = ((Outcome<string>.Done)written).Value;
        await connection.ExecuteAsync(
            "insert into dd_lodgement (council_id, lodgement_id, processing_date, serial, instructions, content, created_at, created_by) " +
            "values (@council, @id, @date, @serial, @count, @content, @now, @officer)",
            new { council = council.Value, id, date = processingDate, serial, count = waiting.Count, content, now, officer }, tx);
        foreach (var w in waiting)
        {
            await connection.ExecuteAsync(
                "update dd_instruction set lodgement_id = @id where council_id = @council and instruction_id = @instruction and lodgement_id is null",
                new { council = council.Value, id, instruction = w.InstructionId }, tx);
            if (w.Code is "0N" or "0S")
            {
                // A converted paper instruction has been collected on before: it is active at once, so its next collection is a 17, not a 01.
                await connection.ExecuteAsync(
                    "update dd_mandate set status = @status, lodged_on = @date, version = version + 1 where council_id = @council and mandate_id = @mandate",
                    new { council = council.Value, mandate = w.MandateId, status = w.Code == "0S" ? MandateStatus.Active : MandateStatus.Lodged, date = processingDate }, tx);
            }

            await AccountEvents.RecordAsync(connection, tx, council, w.AccountId, now, processingDate, DirectDebitEvents.Lodged,
                $"Direct Debit {w.Reference} lodged with the bank (AUDDIS {w.Code}, file {serial}, processing day {processingDate:d MMMM yyyy})",
                officer, "Bacs AUDDIS");
        }

        var lodged = new Lodged(id, processingDate, serial, waiting.Count(w => w.Code == "0N"), waiting.Count(w => w.Code == "0C"),
            waiting.Count(w => w.Code == "0S"), content);
        if (inRun is not null)
        {
            await inRun(connection, tx, lodged);
        }

        await tx.CommitAsync(ct);
        return new Result.Done(lodged);
    }

    /// <summary>A Bacs volume serial: a letter for the kind of file, then five digits of its id.</summary>
    internal static string Serial(char kind, long id) => kind + (id % 100_000).ToString("00000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Turns the writer's "instructions[3].reference" into a field an officer can find: the mandate reference.</summary>
    internal static string NameInstruction(string field, IReadOnlyList<string> references)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return open > 0 && close > open && int.TryParse(field[(open + 1)..close], System.Globalization.CultureInfo.InvariantCulture, out var n) && n < references.Count
            ? $"mandate {references[n]}{field[(close + 1)..]}"
            : field;
    }

    private static async Task<Lodged?> PreviousAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, CouncilId council, LocalDate date)
    {
        var row = await connection.QueryFirstOrDefaultAsync<(long Id, string Serial, string Content)>(
            "select lodgement_id, serial, content from dd_lodgement where council_id = @council and processing_date = @date order by lodgement_id desc",
            new { council = council.Value, date }, tx);
        if (row.Content is null)
        {
            return null;
        }

        var codes = await connection.QueryAsync<string>("select code from dd_instruction where council_id = @council and lodgement_id = @id", new { council = council.Value, id = row.Id }, tx);
        var list = codes.ToList();
        return new Lodged(row.Id, date, row.Serial, list.Count(c => c == "0N"), list.Count(c => c == "0C"), list.Count(c => c == "0S"), row.Content);
    }
}
