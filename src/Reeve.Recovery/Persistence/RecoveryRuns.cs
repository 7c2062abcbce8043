#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Recovery;

/// <summary>A recovery_run row: the run's state and how far an execution has gone.</summary>
internal sealed record RecoveryRunRow(
    long RunId, LocalDate RunDate, string Status, string PreparedBy, string? ApprovedBy, int Notices, string Summary, long LastAccountId, FinancialYear? OnlyYear)
{
    public RecoveryRunSummary ToSummary() => new(RunId, RunDate, Status, PreparedBy, ApprovedBy, Notices, Summary);
}

/// <summary>
/// The recovery_run table: runs as they are prepared, approved and executed. Each use case changes a run through
/// one of these in its own transaction; the statuses go prepared, approved, executing, executed.
/// </summary>
internal static class RecoveryRuns
{
    private const string Select = "select run_id, run_date, status, prepared_by, approved_by, notices, summary, last_account_id, only_year from recovery_run";

    public static async Task<RecoveryRunRow?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long runId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Select + " where council_id = @council and run_id = @runId", new { council = council.Value, runId }, tx))?.ToRun();

    public static async Task<RecoveryRunRow?> OnDateAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate date) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Select + " where council_id = @council and run_date = @date", new { council = council.Value, date }, tx))?.ToRun();

    public static async Task<IReadOnlyList<RecoveryRunSummary>> LatestAsync(DbConnection connection, CouncilId council, int most) =>
        (await connection.QueryAsync<Row>(Select + " where council_id = @council order by run_date desc, run_id desc limit @most", new { council = council.Value, most }))
        .Select(r => r.ToRun().ToSummary()).ToList();

    /// <summary>The latest date after <paramref name="date"/> of a run already approved or executed, if any.</summary>
    public static Task<LocalDate?> ApprovedAfterAsync(DbConnection connection, DbTransaction? tx, CouncilId council, LocalDate date) =>
        connection.ExecuteScalarAsync<LocalDate?>(
            "select max(run_date) from recovery_run where council_id = @council and status <> 'prepared' and run_date > @date", new { council = council.Value, date }, tx);

    public static async Task<long> InsertPreparedAsync(
        DbConnection connection, DbTransaction tx, RecoveryRunOptions options, string summary, Instant now)
    {
        var runId = await IdAllocator.ReserveAsync(connection, tx, options.Council, "recovery_run", 1);
        await connection.ExecuteAsync(
            "insert into recovery_run (council_id, run_id, run_date, status, prepared_by, prepared_at, summary, only_year) values (@council, @runId, @date, 'prepared', @officer, @now, @summary, @year)",
            new { council = options.Council.Value, runId, date = options.RunDate, officer = options.Officer, now, summary, year = options.OnlyYear?.StartYear }, tx);
        return runId;
    }

    public static Task RePrepareAsync(DbConnection connection, DbTransaction tx, RecoveryRunOptions options, long runId, string summary, Instant now) =>
        connection.ExecuteAsync(
            "update recovery_run set prepared_by = @officer, prepared_at = @now, summary = @summary, only_year = @year where council_id = @council and run_id = @runId",
            new { council = options.Council.Value, runId, officer = options.Officer, now, summary, year = options.OnlyYear?.StartYear }, tx);

    public static Task ApproveAsync(DbConnection connection, DbTransaction tx, CouncilId council, long runId, string officer, Instant now) =>
        connection.ExecuteAsync(
            "update recovery_run set status = 'approved', approved_by = @officer, approved_at = @now where council_id = @council and run_id = @runId and status = 'prepared'",
            new { council = council.Value, runId, officer, now }, tx);

    public static Task MarkExecutingAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long runId) =>
        connection.ExecuteAsync("update recovery_run set status = 'executing' where council_id = @council and run_id = @runId", new { council = council.Value, runId }, tx);

    /// <summary>Records a chunk's progress in the chunk's own transaction, so a stopped run carries on after it.</summary>
    public static Task AdvanceAsync(DbConnection connection, DbTransaction tx, CouncilId council, long runId, long lastAccountId, int notices) =>
        connection.ExecuteAsync(
            "update recovery_run set last_account_id = @last, notices = notices + @count where council_id = @council and run_id = @runId",
            new { council = council.Value, runId, last = lastAccountId, count = notices }, tx);

    public static Task MarkExecutedAsync(DbConnection connection, DbTransaction tx, CouncilId council, long runId, Instant now) =>
        connection.ExecuteAsync(
            "update recovery_run set status = 'executed', executed_at = @now where council_id = @council and run_id = @runId",
            new { council = council.Value, runId, now }, tx);

    private sealed class Row
    {
        public long run_id { get; set; }
        public LocalDate run_date { get; set; }
        public string status { get; set; } = "";
        public string prepared_by { get; set; } = "";
        public string? approved_by { get; set; }
        public int notices { get; set; }
        public string summary { get; set; } = "";
        public long last_account_id { get; set; }
        public int? only_year { get; set; }

        public RecoveryRunRow ToRun() => new(run_id, run_date, status, prepared_by, approved_by, notices, summary, last_account_id,
            only_year is { } y ? new FinancialYear(y) : null);
    }
}
