#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.DirectDebit;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// The collection run for one Bacs processing day (formats.md 1 and 3). It reads every instalment, of any debt
/// stream, whose due day falls to that day's entry day under a live mandate (one statement per chunk of mandates),
/// plus returned collections due their one re-presentation, plans them (<see cref="CollectionPlanner"/>), writes the Standard 18 file, and in the same
/// transaction records the run with the file's bytes, each collection, and a Payment entry per collection.
/// A collection is unique per mandate, year, due day and attempt, and each entry has an idempotency key, so running
/// the same day again collects nothing twice; if the file was recorded but never written out, the run hands
/// back the same bytes.
/// </summary>
public static class CollectDirectDebits
{
    public sealed record Run(long RunId, LocalDate ProcessingDate, LocalDate EntryDate, string Serial, int Collections, Money Total, string Content);

    public sealed record CodeTotal(TransactionCode Code, int Count, Money Total);

    public sealed record Report(Run Run, IReadOnlyList<CodeTotal> ByCode, IReadOnlyList<SkippedCollection> Skipped, int ExpiredReturns);

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Refused(string Field, string Message) : Result;

        /// <summary>Nothing new is due; <see cref="Previous"/> is the last run for the day, whose file can be written again.</summary>
        public sealed record NothingToCollect(Run? Previous, IReadOnlyList<SkippedCollection> Skipped, int ExpiredReturns) : Result;

        public sealed record Collected(Report Report) : Result;
    }

    public static Task<Result> CollectAsync(
        ReeveDatabase db, CouncilId council, LocalDate processingDate, LocalDate today, WorkingDays calendar, string officer, Instant now, CancellationToken ct = default) =>
        CollectAsync(db, council, processingDate, today, calendar, officer, now, null, ct);

    /// <param name="inRun">
    /// Called with the run just recorded, in the run's own transaction before it commits (the page writes the officer's
    /// audit line here, so a run is never committed without it); if it throws, nothing is collected or posted.
    /// </param>
    public static async Task<Result> CollectAsync(
        ReeveDatabase db, CouncilId council, LocalDate processingDate, LocalDate today, WorkingDays calendar, string officer, Instant now,
        Func<DbConnection, DbTransaction, Run, Task>? inRun, CancellationToken ct = default)
    {
        if (!calendar.IsWorkingDay(processingDate))
        {
            return new Result.Refused("processingDate", $"{processingDate:uuuu-MM-dd} is not a Bacs processing day (a weekend or a bank holiday)");
        }

        if (processingDate <= today)
        {
            return new Result.Refused("processingDate", $"The processing day must be after today ({today:uuuu-MM-dd}): the file is submitted the working day before");
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var originator = await Mandates.OriginatorAsync(connection, tx, council);
        if (originator is null)
        {
            return new Result.Refused("originator", "This council has no Bacs service user number set up: run 'reeve dd originator' first");
        }

        var plan = await PlanAsync(connection, tx, council, processingDate, calendar, originator.LodgementLeadWorkingDays);
        await MarkExpiredAsync(connection, tx, council, plan, officer, now);
        if (plan.Collections.Count == 0)
        {
            var previous = await PreviousAsync(connection, tx, council, processingDate);
            await tx.CommitAsync(ct);
            return new Result.NothingToCollect(previous, plan.Skipped, plan.Expired.Count + plan.Withdrawn.Count);
        }

        var runId = await IdAllocator.ReserveAsync(connection, tx, council, "dd_collection_run", 1);
        var serial = LodgeMandates.Serial('C', runId);
        var written = WriteFile(originator.ServiceUser, serial, today, plan, calendar);
        if (written is Outcome<string>.Invalid invalid)
        {
            return new Result.Refused(LodgeMandates.NameInstruction(invalid.Field, plan.Collections.Select(c => c.Payer.Reference).ToList()), invalid.Message);
        }

        var content = ((Outcome<string>.Done)written).Value;
        var run = new Run(runId, processingDate, plan.EntryDate, serial, plan.Collections.Count, plan.Total, content);
        await RecordAsync(connection, tx, council, run, plan, officer, now, ct);
        if (inRun is not null)
        {
            await inRun(connection, tx, run);
        }

        await tx.CommitAsync(ct);
        var byCode = plan.Collections.GroupBy(c => c.Code).OrderBy(g => g.Key)
            .Select(g => new CodeTotal(g.Key, g.Count(), Money.Sum(g.Select(c => c.Amount)))).ToList();
        return new Result.Collected(new Report(run, byCode, plan.Skipped, plan.Expired.Count));
    }

    /// <summary>The Standard 18 file for a plan; the benchmark calls this with the same plan the run would make.</summary>
    public static Outcome<string> WriteFile(ServiceUser originator, string serial, LocalDate today, CollectionPlan plan, WorkingDays calendar) =>
        Standard18Writer.Write(
            new Standard18File(originator, serial, today, plan.ProcessingDate,
                plan.Collections.Select(c => new PaymentInstruction(c.Payer.SortCode, c.Payer.AccountNumber, c.Payer.PayerName, c.Code, c.Amount, c.Payer.Reference)).ToList(),
                "COUNCIL TAX DD"),
            calendar);

    /// <summary>
    /// Reads what is due for a processing day and plans it; no writes. What is due is read <paramref name="chunkMandates"/>
    /// live mandates at a time, one statement each (a test makes the chunks small to cross their edges).
    /// </summary>
    public static async Task<CollectionPlan> PlanAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate processingDate, WorkingDays calendar, int leadWorkingDays, int chunkMandates = ChunkMandates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkMandates, 1);
        var (from, to) = CollectionPlanner.DueWindow(processingDate, calendar);
        // One pass over a million mandates touches every page of four tables: a 256 MiB page cache for this
        // connection keeps SQLite from reading them again from the file system (reeve bench dd).
        await SqlDialect.Of(connection).WidenPageCacheAsync(connection, tx, 256);

        var due = await ReadDueAsync(connection, tx, council, processingDate, from, to, chunkMandates);
        var returned = (await connection.QueryAsync<ReturnedRow>(ReturnedSql, new { council = council.Value }, tx)).ToList();
        // A returned collection is not presented again while a hold of any kind is in force on its account.
        var held = (await AccountHolds.InForceOnAsync(connection, tx, council, returned.Select(r => r.account_id).ToHashSet(), processingDate, HoldReasons.All))
            .Select(h => h.AccountId).ToHashSet();
        return CollectionPlanner.Plan(processingDate, calendar, leadWorkingDays, due, returned.Select(r => r.ToReturned(held.Contains(r.account_id))));
    }

    /// <summary>How many live mandates one statement reads: a chunk of accounts whose rows the database joins in one go.</summary>
    public const int ChunkMandates = 50_000;

    // Read by hand rather than through Dapper: a run reads every mandate with an instalment due, and this is the
    // loop reeve bench dd times. One statement per chunk of accounts holding chunkMandates live mandates, so the
    // database joins each chunk's rows set-based, every table read by its key over the chunk's account range,
    // with no round trip per account or per stream. Dates come back as DateOnly from both engines.
    private static async Task<List<DueInstalment>> ReadDueAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate processingDate, LocalDate from, LocalDate to, int chunkMandates)
    {
        var due = new List<DueInstalment>();
        var sortCodes = new Dictionary<string, SortCode>(StringComparer.Ordinal);
        var sql = DueSql();
        for (var lo = 0L; lo < long.MaxValue;)
        {
            var hi = await connection.ExecuteScalarAsync<long?>(ChunkEndSql, new { council = council.Value, lo, skip = chunkMandates - 1 }, tx) ?? long.MaxValue;
            await using var reader = await connection.ExecuteReaderAsync(sql, new { council = council.Value, from, to, asAt = processingDate, lo, hi }, tx);
            while (await reader.ReadAsync())
            {
                var sortText = reader.GetString(3);
                if (!sortCodes.TryGetValue(sortText, out var sortCode))
                {
                    sortCode = SortCode.Parse(sortText);
                    sortCodes[sortText] = sortCode;
                }

                var signed = Date(reader, 7);
                LocalDate? noticed = reader.IsDBNull(8) ? null : Date(reader, 8);
                due.Add(new DueInstalment(
                    new MandatePayer(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), sortCode, AccountNumber.Parse(reader.GetString(4)), reader.GetString(5)),
                    reader.IsDBNull(6) ? null : Date(reader, 6), reader.GetInt32(9) != 0, reader.GetInt32(10) != 0, new FinancialYear(reader.GetInt32(11)),
                    Date(reader, 12), Money.FromPence(reader.GetInt64(13)), noticed is { } n ? (signed > n ? signed : n) : null));
            }

            lo = hi;
        }

        return due;
    }

    private static LocalDate Date(DbDataReader reader, int ordinal) => LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(ordinal));

    // The account id that closes a chunk: that of the chunk's last live mandate, or null when fewer are left.
    private const string ChunkEndSql =
        "select account_id from dd_mandate where council_id = @council and status in ('lodged', 'active') and account_id > @lo " +
        "order by account_id limit 1 offset @skip";

    // What is due comes from each debt stream through the seam (the schedule in force on the processing day, with
    // the day the payer was sent it and whether it is the year's last instalment), how the account pays from the
    // Ledger; all are bounded by the chunk's account range, so each chunk is one statement. A mandate collects only
    // while the account pays by Direct Debit. Collected-before decides 01 against 17; a closed account's last
    // instalment is 19.
    private static string DueSql() =>
        "select m.mandate_id, m.account_id, m.payer_name, m.sort_code, m.account_number, m.reference, m.lodged_on, m.signed_on, d.noticed_on, " +
        "cast(case when m.status = 'active' or exists (select 1 from dd_collection c where c.council_id = m.council_id and c.mandate_id = m.mandate_id) then 1 else 0 end as integer) as collected_before, " +
        "cast(case when a.closed_on is null then 0 else d.is_last end as integer) as is_final, " +
        "d.financial_year, d.due_on, cast(d.amount_pence as bigint) as amount_pence " +
        "from (" + DebtStreamSchedules.Union(s => s.DueBetweenSql) + ") d " +
        "join dd_mandate m on m.council_id = @council and m.account_id = d.account_id and m.status in ('lodged', 'active') and m.account_id > @lo and m.account_id <= @hi " +
        "join (" + AccountPaymentTerms.Sql + ") a on a.account_id = d.account_id and a.payment_method = 'direct-debit' " +
        "where not exists (select 1 from dd_collection c where c.council_id = m.council_id and c.mandate_id = m.mandate_id " +
        "and c.financial_year = d.financial_year and c.due_on = d.due_on and c.attempt = 1)";

    private const string ReturnedSql =
        "select c.collection_id, c.financial_year, c.due_on, c.amount_pence, c.processing_date, c.returned_on, " +
        "m.mandate_id, m.account_id, m.payer_name, m.sort_code, m.account_number, m.reference " +
        "from dd_collection c join dd_mandate m on m.council_id = c.council_id and m.mandate_id = c.mandate_id and m.status in ('lodged', 'active') " +
        "where c.council_id = @council and c.status = 'represent-due'";

    private static async Task RecordAsync(DbConnection connection, DbTransaction tx, CouncilId council, Run run, CollectionPlan plan, string officer, Instant now, CancellationToken ct)
    {
        await connection.ExecuteAsync(
            "insert into dd_collection_run (council_id, run_id, processing_date, entry_date, serial, collections, total_pence, content, created_at, created_by) " +
            "values (@council, @runId, @processing, @entry, @serial, @count, @total, @content, @now, @officer)",
            new
            {
                council = council.Value, runId = run.RunId, processing = run.ProcessingDate, entry = run.EntryDate,
                serial = run.Serial, count = run.Collections, total = run.Total.Pence, content = run.Content, now, officer,
            },
            tx);

        // The money reaches the council on the entry day; the entry's key is the collection's own key.
        var entries = plan.Collections.Select(c => new NewEntry(council, c.Payer.AccountId, EntryKind.Payment, c.Amount, c.Year, run.EntryDate, officer,
            $"Direct Debit collection ({c.Code.Code()}{(c.Attempt == 2 ? ", re-presented" : "")}) of the instalment due {c.DueOn:d MMMM yyyy}, {c.Payer.Reference}",
            $"Bacs Standard 18 collection file {run.Serial}", Key(c))).ToList();
        var posted = await PostEntries.PostAsync(connection, tx, entries, now, ct);
        if (posted is not Outcome<PostResult>.Done { Value: var result } || result.AlreadyPosted > 0)
        {
            throw new InvalidOperationException($"Posting the collections of run {run.RunId} failed: {posted}");
        }

        var entryIds = result.Posted.ToDictionary(e => e.IdempotencyKey!, e => e.EntryId, StringComparer.Ordinal);
        var firstId = await IdAllocator.ReserveAsync(connection, tx, council, "dd_collection", plan.Collections.Count);
        var rows = plan.Collections.Select((c, i) => new CollectionRow(council, firstId + i, run, c, entryIds[Key(c)])).ToList();
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "dd_collection", CollectionRow.Shape, rows, ct);

        foreach (var c in plan.Collections.Where(c => c.RePresents is not null))
        {
            await connection.ExecuteAsync("update dd_collection set status = 'represented' where council_id = @council and collection_id = @id",
                new { council = council.Value, id = c.RePresents }, tx);
        }

        // A mandate's first collection makes it active.
        foreach (var chunk in plan.Collections.Where(c => c.Code == TransactionCode.FirstCollection).Select(c => c.Payer.MandateId).Distinct().Chunk(500))
        {
            await connection.ExecuteAsync(
                $"update dd_mandate set status = 'active', version = version + 1 where council_id = @council and status = 'lodged' and mandate_id {PaymentAccounts.AnyOf(connection)}",
                new { council = council.Value, chunk }, tx);
        }
    }

    /// <summary>
    /// Returned collections whose month for re-presentation ran out become unpaid, for recovery, and the payer is
    /// asked to pay another way (formats.md 3); those withdrawn because the account is now held become unpaid too,
    /// with no letter asking for payment while the hold lasts.
    /// </summary>
    private static async Task MarkExpiredAsync(DbConnection connection, DbTransaction tx, CouncilId council, CollectionPlan plan, string officer, Instant now)
    {
        foreach (var (r, held) in plan.Expired.Select(r => (r, false)).Concat(plan.Withdrawn.Select(r => (r, true))))
        {
            await connection.ExecuteAsync("update dd_collection set status = 'unpaid' where council_id = @council and collection_id = @id and status = 'represent-due'",
                new { council = council.Value, id = r.CollectionId }, tx);
            await AccountEvents.RecordAsync(connection, tx, council, r.Payer.AccountId, now, plan.ProcessingDate, DirectDebitEvents.Unpaid,
                $"Direct Debit of {r.Amount.ToDisplayString()} due {r.DueOn:d MMMM yyyy} ({r.Payer.Reference}) unpaid: " +
                (held ? "recovery is held on the account, so it is not presented again" : "the month to re-present it has passed"),
                officer, held ? "Bacs: no re-presentation while the account is held" : "Bacs: re-presentation within one month of the original processing day");
            if (!held)
            {
                await DirectDebitLetters.UnpaidAsync(connection, tx, council, r.Payer.AccountId, $"dd-unpaid:{r.CollectionId}", r.Payer.Reference, r.Amount,
                    "the month in which we could collect it again has passed", r.ReturnedOn, now);
            }
        }
    }

    internal static string Key(PlannedCollection c) => $"dd:{c.Payer.MandateId}:{c.Year.StartYear}:{c.DueOn:uuuu-MM-dd}:{c.Attempt}";

    private static async Task<Run?> PreviousAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate date)
    {
        var row = await connection.QueryFirstOrDefaultAsync<RunRow>(
            RunRow.Select + " where council_id = @council and processing_date = @date order by run_id desc",
            new { council = council.Value, date }, tx);
        return row?.ToRun();
    }

    public static async Task<IReadOnlyList<Run>> RunsAsync(DbConnection connection, CouncilId council, int limit = 100) =>
        (await connection.QueryAsync<RunRow>(RunRow.Select + " where council_id = @council order by run_id desc limit @limit", new { council = council.Value, limit }))
        .Select(r => r.ToRun()).ToList();

    public static async Task<Run?> RunAsync(DbConnection connection, CouncilId council, long runId) =>
        (await connection.QuerySingleOrDefaultAsync<RunRow>(RunRow.Select + " where council_id = @council and run_id = @runId", new { council = council.Value, runId }))?.ToRun();

    /// <summary>A new collection as written to dd_collection: collected, not (yet) returned.</summary>
    private sealed record CollectionRow(CouncilId Council, long CollectionId, Run Run, PlannedCollection Collection, long EntryId)
    {
        public static readonly BulkTable<CollectionRow> Shape = new BulkTable<CollectionRow>()
            .Int4("council_id", r => r.Council.Value).Int8("collection_id", r => r.CollectionId).Int8("run_id", r => r.Run.RunId)
            .Int8("mandate_id", r => r.Collection.Payer.MandateId).Int8("account_id", r => r.Collection.Payer.AccountId)
            .Int4("financial_year", r => r.Collection.Year.StartYear).Date("due_on", r => r.Collection.DueOn).Int4("attempt", r => r.Collection.Attempt)
            .Text("code", r => r.Collection.Code.Code()).Money("amount_pence", r => r.Collection.Amount).Date("processing_date", r => r.Run.ProcessingDate)
            .Int8("entry_id", r => r.EntryId).Text("status", _ => "collected");
    }

    private sealed class RunRow
    {
        public const string Select = "select run_id, processing_date, entry_date, serial, collections, total_pence, content from dd_collection_run";

        public long run_id { get; set; }
        public LocalDate processing_date { get; set; }
        public LocalDate entry_date { get; set; }
        public string serial { get; set; } = "";
        public int collections { get; set; }
        public long total_pence { get; set; }
        public string content { get; set; } = "";

        public Run ToRun() => new(run_id, processing_date, entry_date, serial, collections, Money.FromPence(total_pence), content);
    }

    private sealed class ReturnedRow
    {
        public long collection_id { get; set; }
        public long financial_year { get; set; }
        public LocalDate due_on { get; set; }
        public long amount_pence { get; set; }
        public LocalDate processing_date { get; set; }
        public LocalDate returned_on { get; set; }
        public long mandate_id { get; set; }
        public long account_id { get; set; }
        public string payer_name { get; set; } = "";
        public string sort_code { get; set; } = "";
        public string account_number { get; set; } = "";
        public string reference { get; set; } = "";

        public ReturnedCollection ToReturned(bool held) => new(
            new MandatePayer(mandate_id, account_id, payer_name, SortCode.Parse(sort_code), AccountNumber.Parse(account_number), reference),
            collection_id, new FinancialYear((int)financial_year), due_on, Money.FromPence(amount_pence),
            processing_date, returned_on, held);
    }
}
