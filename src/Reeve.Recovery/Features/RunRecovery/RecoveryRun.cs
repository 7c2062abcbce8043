#pragma warning disable IDE1006 // column names as the database spells them
using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>One account's year in a run report: the stage the run puts it at and why.</summary>
public sealed record RecoveryRunLine(long AccountId, string Reference, FinancialYear Year, string Stage, string Reason, string Source, Money Amount, string? Hearing, string? Explanation = null);

public sealed record RecoveryRunReport(
    long? RunId,
    LocalDate RunDate,
    string Status,
    int Accounts,
    IReadOnlyDictionary<string, int> ByStage,
    IReadOnlyList<RecoveryRunLine> Lines,
    int NoticesWritten,
    string? PreparedBy = null,
    string? ApprovedBy = null);

public sealed record RecoveryRunSummary(long RunId, LocalDate RunDate, string Status, string PreparedBy, string? ApprovedBy, int Notices, string Summary);

/// <summary>
/// The recovery run for a date: preview (works out every account's next lawful step and why, writes nothing),
/// prepare (records the run and its counts), approve (a Team Leader or Manager who did not prepare it), execute
/// (records each notice, the loss of instalments, summons costs in the ledger and an event on each account).
/// Execute goes through the accounts in chunks, each in its own transaction with the run's progress, so a run that
/// stops part-way carries on after the last committed chunk and issues nothing twice; each notice also has a
/// source key (account, year, step) that the database keeps unique.
/// </summary>
public static class RecoveryRun
{
    public const int ChunkSize = 20_000;

    /// <summary>Deemed service of a second-class letter: the second business day after posting (CPR 6.26, the practice the magistrates' courts follow for postal service under Magistrates' Courts Rules 1981 r 99).</summary>
    public const int ServiceWorkingDays = 2;

    public const string ServiceSource = "Deemed service by second-class post on the second business day after posting (CPR 6.26; Magistrates' Courts Rules 1981 r 99)";

    /// <summary>
    /// What a run covers. <paramref name="OnlyYear"/> limits it to one financial year's instalments (each year is
    /// recovered on its own); null covers every year.
    /// </summary>
    public sealed record Options(CouncilId Council, LocalDate RunDate, LocalDate Today, string Officer, int ChunkSize = ChunkSize, long? OnlyAccount = null, FinancialYear? OnlyYear = null);

    public static async Task<Outcome<RecoveryRunReport>> PreviewAsync(ReeveDatabase db, Options options, CancellationToken ct = default)
    {
        if (options.RunDate > options.Today)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", $"A recovery run cannot be dated after today ({DateText.Iso.Format(options.Today)})");
        }

        await using var connection = await db.OpenAsync(ct);
        var work = await EvaluateAllAsync(connection, options, ct);
        return work.Report(null, "preview", 0);
    }

    public static async Task<Outcome<RecoveryRunReport>> PrepareAsync(ReeveDatabase db, Options options, Instant now, CancellationToken ct = default)
    {
        if (options.RunDate != options.Today)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", options.RunDate > options.Today
                ? $"A recovery run cannot be dated after today ({DateText.Iso.Format(options.Today)})"
                : $"A recovery run is prepared for today ({DateText.Iso.Format(options.Today)}); notices are issued on the day of the run, so {DateText.Iso.Format(options.RunDate)} has passed. Use --preview to see what a past date would have done");
        }

        await using var connection = await db.OpenAsync(ct);
        var args = new { council = options.Council.Value, date = options.RunDate };
        var later = await connection.ExecuteScalarAsync<LocalDate?>(
            "select max(run_date) from recovery_run where council_id = @council and status <> 'prepared' and run_date > @date", args);
        if (later is { } laterDate)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", $"A run for {DateText.Iso.Format(laterDate)} has already been approved; runs go forward in date order");
        }

        var existing = await connection.QuerySingleOrDefaultAsync<RunRow>(RunRow.Select + " where council_id = @council and run_date = @date", args);
        if (existing is not null && existing.status != "prepared")
        {
            return new Outcome<RecoveryRunReport>.Conflict($"Run {existing.run_id} for {DateText.Iso.Format(options.RunDate)} is already {existing.status}");
        }

        var work = await EvaluateAllAsync(connection, options, ct);
        var summary = work.Summary();
        await using var tx = await connection.BeginTransactionAsync(ct);
        long runId;
        if (existing is not null)
        {
            runId = existing.run_id;
            await connection.ExecuteAsync(
                "update recovery_run set prepared_by = @officer, prepared_at = @now, summary = @summary, only_year = @year where council_id = @council and run_id = @runId",
                new { council = options.Council.Value, runId, officer = options.Officer, now = now, summary, year = options.OnlyYear?.StartYear }, tx);
        }
        else
        {
            runId = await IdAllocator.ReserveAsync(connection, tx, options.Council, "recovery_run", 1);
            await connection.ExecuteAsync(
                "insert into recovery_run (council_id, run_id, run_date, status, prepared_by, prepared_at, summary, only_year) values (@council, @runId, @date, 'prepared', @officer, @now, @summary, @year)",
                new { council = options.Council.Value, runId, date = args.date, officer = options.Officer, now = now, summary, year = options.OnlyYear?.StartYear }, tx);
        }

        await AuditTrail.RecordAsync(connection, tx, options.Council, options.Officer, AuditTrail.Actions.Change, "recovery-run", runId.ToString(CultureInfo.InvariantCulture),
            $"Prepared the recovery run for {DateText.Iso.Format(options.RunDate)}: {summary}", null, now);
        await tx.CommitAsync(ct);
        return work.Report(runId, "prepared", 0) with { PreparedBy = options.Officer };
    }

    /// <summary>A prepared run is approved by a Team Leader or Manager other than the officer who prepared it.</summary>
    public static async Task<Outcome<RecoveryRunSummary>> ApproveAsync(ReeveDatabase db, CouncilId council, long runId, string officer, Instant now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var run = await FindAsync(connection, council, runId);
        if (run is null)
        {
            return new Outcome<RecoveryRunSummary>.NotFound($"recovery run {runId}");
        }

        var approver = await OfficerStore.GetAsync(connection, officer);
        if (approver is null || approver.Role is not (Role.TeamLeader or Role.Manager))
        {
            return new Outcome<RecoveryRunSummary>.Invalid("officer", $"Only a Team Leader or Manager may approve a recovery run; {officer} is {(approver is null ? "not an officer" : "a " + approver.Role.Title())}");
        }

        if (string.Equals(run.PreparedBy, officer, StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome<RecoveryRunSummary>.Invalid("officer", $"{officer} prepared run {runId}; another Team Leader must approve it");
        }

        if (run.Status != "prepared")
        {
            return new Outcome<RecoveryRunSummary>.Conflict($"Run {runId} is already {run.Status}");
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(
            "update recovery_run set status = 'approved', approved_by = @officer, approved_at = @now where council_id = @council and run_id = @runId and status = 'prepared'",
            new { council = council.Value, runId, officer, now = now }, tx);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "recovery-run", runId.ToString(CultureInfo.InvariantCulture),
            $"Approved the recovery run for {DateText.Iso.Format(run.RunDate)} prepared by {run.PreparedBy}", null, now);
        await tx.CommitAsync(ct);
        return run with { Status = "approved", ApprovedBy = officer };
    }

    /// <summary>
    /// Executes an approved run (or carries on one that stopped): the run date must be today. Returns the report
    /// of what this call wrote; a run already executed writes nothing more.
    /// </summary>
    public static async Task<Outcome<RecoveryRunReport>> ExecuteAsync(
        ReeveDatabase db, CouncilId council, long runId, LocalDate today, string officer, IClock clock, int chunkSize = ChunkSize,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var run = await connection.QuerySingleOrDefaultAsync<RunRow>(RunRow.Select + " where council_id = @council and run_id = @runId", new { council = council.Value, runId });
        if (run is null)
        {
            return new Outcome<RecoveryRunReport>.NotFound($"recovery run {runId}");
        }

        var runDate = run.run_date;
        switch (run.status)
        {
            case "prepared":
                return new Outcome<RecoveryRunReport>.Conflict($"Run {runId} has not been approved: a Team Leader who did not prepare it must approve it first");
            case "executed":
                return new RecoveryRunReport(runId, runDate, "executed", 0, new Dictionary<string, int>(), [], 0, run.prepared_by, run.approved_by);
            default:
                break;
        }

        if (runDate != today)
        {
            return new Outcome<RecoveryRunReport>.Invalid("date", $"Run {runId} is for {DateText.Iso.Format(runDate)}, not today ({DateText.Iso.Format(today)}); notices are issued on the day of the run, so prepare a new run for today");
        }

        var onlyYear = run.only_year is { } y ? new FinancialYear(y) : (FinancialYear?)null;
        var options = new Options(council, runDate, today, officer, chunkSize, OnlyYear: onlyYear);
        await connection.ExecuteAsync("update recovery_run set status = 'executing' where council_id = @council and run_id = @runId", new { council = council.Value, runId });
        var context = await RunContext.LoadAsync(connection, options, ct);
        var total = await connection.ExecuteScalarAsync<int>(
            "select count(*) from account where council_id = @council and kind in ('council-tax', 'business-rates')", new { council = council.Value });
        var done = await connection.ExecuteScalarAsync<int>(
            "select count(*) from account where council_id = @council and kind in ('council-tax', 'business-rates') and account_id <= @after", new { council = council.Value, after = run.last_account_id });
        var work = new Work(context);
        var written = 0;

        // The next chunk is read on a second connection while this one is decided and written: reading is the
        // database's work and deciding is this process's, and chunks hold different accounts, so nothing one
        // writes is read by the next.
        await using var readConnection = await db.OpenAsync(ct);
        var pending = RecoveryCaseReader.LoadAsync(readConnection, null, council, runDate, run.last_account_id, chunkSize, null, onlyYear, ct);
        try
        {
            while (true)
            {
                var chunk = await pending;
                if (chunk.Accounts == 0)
                {
                    break;
                }

                pending = RecoveryCaseReader.LoadAsync(readConnection, null, council, runDate, chunk.LastAccountId, chunkSize, null, onlyYear, ct);
                var decisions = await work.DecideAsync(chunk);
                var now = clock.GetCurrentInstant();
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    var count = await NoticeWriter.WriteAsync(connection, tx, context, runId, decisions, now, ct);
                    await connection.ExecuteAsync(
                        "update recovery_run set last_account_id = @last, notices = notices + @count where council_id = @council and run_id = @runId",
                        new { council = council.Value, runId, last = chunk.LastAccountId, count }, tx);
                    await tx.CommitAsync(ct);
                    written += count;
                }

                done += chunk.Accounts;
                progress?.Report((done, total));
                ct.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            // A read still under way when the run stops is finished (or fails) before its connection closes.
            await pending.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        await connection.ExecuteAsync(
            "update recovery_run set status = 'executed', executed_at = @now where council_id = @council and run_id = @runId",
            new { council = council.Value, runId, now = clock.GetCurrentInstant() });
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "recovery-run", runId.ToString(CultureInfo.InvariantCulture),
                $"Executed the recovery run for {DateText.Iso.Format(runDate)}: {written} notices and steps recorded", null, clock.GetCurrentInstant());
            await tx.CommitAsync(ct);
        }

        return work.Report(runId, "executed", written) with { PreparedBy = run.prepared_by, ApprovedBy = run.approved_by };
    }

    /// <summary>
    /// Reads every account's rows exactly as a run does, and nothing else: the baseline `reeve bench recovery`
    /// measures the run against. Returns the number of rows read.
    /// </summary>
    public static async Task<long> ReadOnlyAsync(ReeveDatabase db, CouncilId council, LocalDate runDate, int chunkSize, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var after = 0L;
        var rows = 0L;
        while (true)
        {
            var chunk = await RecoveryCaseReader.LoadAsync(connection, null, council, runDate, after, chunkSize, null, null, ct);
            if (chunk.Accounts == 0)
            {
                return rows;
            }

            rows += chunk.Accounts + chunk.Years.Sum(y => (long)y.Instalments.Count + y.Payments.Count + y.Holds.Count + y.Notices.Count);
            after = chunk.LastAccountId;
        }
    }

    public static async Task<IReadOnlyList<RecoveryRunSummary>> ListAsync(DbConnection connection, CouncilId council, int most = 50) =>
        (await connection.QueryAsync<RunRow>(RunRow.Select + " where council_id = @council order by run_date desc, run_id desc limit @most", new { council = council.Value, most }))
        .Select(r => r.ToSummary()).ToList();

    public static async Task<RecoveryRunSummary?> FindAsync(DbConnection connection, CouncilId council, long runId) =>
        (await connection.QuerySingleOrDefaultAsync<RunRow>(RunRow.Select + " where council_id = @council and run_id = @runId", new { council = council.Value, runId }))?.ToSummary();

    /// <summary>Works out every account's decision for the run date, chunk by chunk, writing nothing.</summary>
    private static async Task<Work> EvaluateAllAsync(DbConnection connection, Options options, CancellationToken ct)
    {
        var context = await RunContext.LoadAsync(connection, options, ct);
        var work = new Work(context);
        var after = 0L;
        while (true)
        {
            var chunk = await RecoveryCaseReader.LoadAsync(connection, null, options.Council, options.RunDate, after, options.ChunkSize, options.OnlyAccount, options.OnlyYear, ct);
            if (chunk.Accounts == 0)
            {
                break;
            }

            await work.DecideAsync(chunk);
            after = chunk.LastAccountId;
            if (options.OnlyAccount is not null)
            {
                break;
            }
        }

        return work;
    }

    /// <summary>Everything a run reads once: profiles per kind and year, costs, court sessions and their space left.</summary>
    internal sealed class RunContext
    {
        private readonly Dictionary<(AccountKind, int), RecoveryProfile> _profiles = [];

        public required Options Options { get; init; }
        public required IReadOnlyList<CourtSessionSlot> Sessions { get; init; }
        public required Dictionary<AccountKind, RecoveryCosts?> Costs { get; init; }
        public required DbConnection Connection { get; init; }
        public WorkingDays Calendar { get; } = WorkingDays.EnglandAndWales;

        public static async Task<RunContext> LoadAsync(DbConnection connection, Options options, CancellationToken ct)
        {
            var sessions = await CourtSessions.SlotsFromAsync(connection, null, options.Council, options.RunDate, ct);
            var costs = new Dictionary<AccountKind, RecoveryCosts?>();
            foreach (var stream in RecoveryStreams.Recovered())
            {
                costs[stream.Kind] = await RecoverySettings.CostsOnAsync(connection, null, options.Council, stream.Kind, options.RunDate);
            }

            return new RunContext { Options = options, Sessions = sessions, Costs = costs, Connection = connection };
        }

        public async Task PrimeProfilesAsync(IEnumerable<AccountYear> years)
        {
            foreach (var key in years.Select(y => (y.Kind, y.Year.StartYear)).Distinct())
            {
                if (!_profiles.ContainsKey(key))
                {
                    _profiles[key] = (await RecoverySettings.ProfileForAsync(Connection, null, Options.Council, key.Kind, new FinancialYear(key.StartYear))).Profile;
                }
            }
        }

        public RecoveryProfile ProfileFor(AccountYear ay) => _profiles[(ay.Kind, ay.Year.StartYear)];
    }

    /// <summary>A court session and the places left on it for this run.</summary>
    internal sealed class CourtSessionSlot(long sessionId, LocalDate date, string court, int spaceLeft)
    {
        public long SessionId { get; } = sessionId;
        public LocalDate Date { get; } = date;
        public string Court { get; } = court;
        public int SpaceLeft { get; set; } = spaceLeft;
    }

    /// <summary>The decisions so far, with the court places they take.</summary>
    internal sealed class Work(RunContext context)
    {
        private readonly Dictionary<string, int> _byStage = RecoveryDecisions.Stages.ToDictionary(s => s, _ => 0);
        private readonly List<RecoveryRunLine> _lines = [];
        private int _accounts;

        public async Task<IReadOnlyList<Allocated>> DecideAsync(RecoveryCaseReader.Chunk chunk)
        {
            await context.PrimeProfilesAsync(chunk.Years);
            var sessionDates = context.Sessions.Where(s => s.SpaceLeft > 0).Select(s => s.Date).ToList();
            var decided = new RecoveryDecision[chunk.Years.Count];
            if (decided.Length == 0)
            {
                return [];
            }

            // Deciding is CPU only and each account's year is independent, so the chunk is shared across the cores.
            var partitions = Partitioner.Create(0, chunk.Years.Count, Math.Max(256, chunk.Years.Count / (Environment.ProcessorCount * 4) + 1));
            Parallel.ForEach(partitions, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var ay = chunk.Years[i];
                    decided[i] = RecoveryDecisions.Decide(ay, context.ProfileFor(ay), sessionDates, context.Options.RunDate, context.Calendar);
                }
            });

            _accounts += chunk.Accounts;

            // Accounts with nothing due and unpaid and no notice running were not read in full: they are up to date.
            _byStage[RecoveryDecisions.UpToDate] += chunk.Accounts - chunk.Years.Select(y => y.AccountId).Distinct().Count();
            var allocated = new List<Allocated>(decided.Length / 4);
            foreach (var decision in decided)
            {
                var result = Allocate(decision);
                _byStage[result.Decision.Stage]++;
                if (result.Decision.Stage != RecoveryDecisions.UpToDate || context.Options.OnlyAccount is not null)
                {
                    _lines.Add(new RecoveryRunLine(result.Decision.AccountYear.AccountId, result.Decision.AccountYear.Reference, result.Decision.AccountYear.Year,
                        result.Decision.Stage, result.Decision.Reason, result.Decision.Source, result.Decision.Amount,
                        result.Session is { } s ? $"{s.Court}, {DateText.Iso.Format(s.Date)}" : null,
                        context.Options.OnlyAccount is null ? null : result.Decision.Explanation));
                }

                if (result.Decision.ToRecord.Count > 0)
                {
                    allocated.Add(result);
                }
            }

            return allocated;
        }

        // A summons is listed at the first session at least the profile's days after deemed service that has space.
        private Allocated Allocate(RecoveryDecision decision)
        {
            var summons = decision.ToRecord.FirstOrDefault(a => a.Step == RecoveryStep.Summons);
            if (summons is null)
            {
                return new Allocated(decision, null, null);
            }

            var served = context.Calendar.AddWorkingDays(summons.Date, ServiceWorkingDays);
            var earliest = served.PlusDays(context.ProfileFor(decision.AccountYear).MinimumDaysSummonsToHearing);
            var slot = context.Sessions.Where(s => s.Date >= earliest && s.SpaceLeft > 0).OrderBy(s => s.Date).ThenBy(s => s.SessionId).FirstOrDefault();
            if (slot is null)
            {
                var withoutSummons = decision.ToRecord.Where(a => a.Step != RecoveryStep.Summons).ToList();
                return new Allocated(decision with
                {
                    Stage = RecoveryDecisions.NoCourtSession,
                    Reason = $"Summons due {DateText.Iso.Format(summons.Date)}, deemed served {DateText.Iso.Format(served)}: no court session with space on or after {DateText.Iso.Format(earliest)}; add a session",
                    ToRecord = withoutSummons,
                }, null, null);
            }

            slot.SpaceLeft--;
            return new Allocated(decision with
            {
                Reason = decision.Reason + $"; listed at {slot.Court} on {DateText.Iso.Format(slot.Date)} (served {DateText.Iso.Format(served)})",
            }, slot, served);
        }

        public string Summary() => string.Join(", ", _byStage.Where(s => s.Value > 0).Select(s => $"{s.Key} {s.Value}"));

        public RecoveryRunReport Report(long? runId, string status, int written) =>
            new(runId, context.Options.RunDate, status, _accounts, _byStage, _lines, written);
    }

    internal sealed record Allocated(RecoveryDecision Decision, CourtSessionSlot? Session, LocalDate? ServedOn);

    private sealed class RunRow
    {
        public const string Select = "select run_id, run_date, status, prepared_by, approved_by, notices, summary, last_account_id, only_year from recovery_run";

        public long run_id { get; set; }
        public LocalDate run_date { get; set; }
        public string status { get; set; } = "";
        public string prepared_by { get; set; } = "";
        public string? approved_by { get; set; }
        public int notices { get; set; }
        public string summary { get; set; } = "";
        public long last_account_id { get; set; }
        public int? only_year { get; set; }

        public RecoveryRunSummary ToSummary() => new(run_id, run_date, status, prepared_by, approved_by, notices, summary);
    }

    internal static string Describe(RecoveryRunReport report)
    {
        var text = new StringBuilder();
        foreach (var (stage, count) in report.ByStage.Where(s => s.Value > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"{RecoveryDecisions.StageTitle(stage)}: {count}; ");
        }

        return text.ToString().TrimEnd(' ', ';');
    }
}
