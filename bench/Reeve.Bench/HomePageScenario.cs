using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Reporting;
using Reeve.Work;

namespace Reeve.Bench;

public sealed record HomePageBenchOptions(int Accounts, int WorkItems, int Reads)
{
    public const int DefaultAccounts = 1_000_000;
    public const int DefaultWorkItems = 50_000;
    public const int DefaultReads = 200;

    /// <summary>A charge and ten instalments a year on every account, for two years: the ledger of a real council.</summary>
    public const int LinesPerYear = 11;
    public const int Years = 2;

    /// <summary>Payments posted through the ledger after the summary's last refresh, which the dashboard sums live.</summary>
    public const int LivePayments = 1_000;

    /// <summary>The officer whose "My work" is read: in one of five teams, with a twentieth of the assigned work.</summary>
    public const string Officer = "officer01";
}

public sealed record HomePageFigures(
    string Provider,
    string Database,
    HomePageBenchOptions Options,
    TimeSpan Load,
    long LedgerLines,
    TimeSpan SummaryBuild,
    long LiveEntries,
    TimeSpan LedgerSumOnce,
    int DashboardRows,
    LatencyFigures Dashboard,
    LatencyFigures DashboardBaseline,
    int MyWorkRows,
    int MyWorkTotal,
    LatencyFigures MyWork,
    LatencyFigures MyWorkBaseline)
{
    /// <summary>The target: each page's reads in under 200 ms at p95.</summary>
    public const double TargetP95Ms = 200;

    public double DashboardRatio => Dashboard.P50Ms / DashboardBaseline.P50Ms;

    public double MyWorkRatio => MyWork.P50Ms / MyWorkBaseline.P50Ms;

    public bool DashboardPasses => Dashboard.P95Ms < TargetP95Ms;

    public bool MyWorkPasses => MyWork.P95Ms < TargetP95Ms;
}

/// <summary>
/// `reeve bench home-page`: a council of a million Council Tax accounts with two years of ledger (a charge and ten
/// instalments a year each), 50,000 open work items over five teams and twenty officers, and a thousand payments posted
/// after the collection summary's last refresh. Times the two pages' reads as the pages make them (the collection
/// dashboard's <see cref="ReadCollectionDashboard"/>; "My work"'s <see cref="WorkLists.MyWorkAsync"/> and the names and
/// references of its rows) against a baseline reading as many rows by primary key, in the same run.
/// </summary>
public static class HomePageScenario
{
    private static readonly CouncilId Council = new(1);

    private static readonly string[] Teams = ["revenues", "recovery", "benefits", "customer-services", "enforcement"];

    private static readonly string[] Kinds = ["suspense", "trace", "review-due", "returned-post", "dispute", "complaint", "foi", "subject-access"];

    public static async Task<HomePageFigures> RunAsync(
        ScratchDatabase scratch, HomePageBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetCurrentInstant();
        var today = UkTime.Today(clock);
        var year = FinancialYear.Containing(today);
        var started = Stopwatch.GetTimestamp();
        const int stages = 6;
        const string loading = "Loading the council";
        progress?.Report(new BenchProgress(loading, 0, stages));
        await LoadPeopleAndAccountsAsync(connection, options.Accounts, year, now, ct);
        progress?.Report(new BenchProgress(loading, 1, stages));
        var lines = await LoadLedgerAsync(connection, db.IsPostgres, options.Accounts, year, now);
        progress?.Report(new BenchProgress(loading, 2, stages));
        await LoadWorkAsync(connection, options, today, now, ct);
        progress?.Report(new BenchProgress(loading, 3, stages));

        // The scheduled job's refresh, once over the whole ledger; then a day's payments that only the live sum sees.
        var t = Stopwatch.GetTimestamp();
        await CollectionSummary.RefreshAsync(connection, Council, ct);
        var summaryBuild = Stopwatch.GetElapsedTime(t);
        progress?.Report(new BenchProgress(loading, 4, stages));
        var live = await PostLivePaymentsAsync(connection, options.Accounts, year, today, now, ct);
        await connection.ExecuteAsync(db.IsPostgres ? "vacuum analyze" : "analyze", commandTimeout: 3600, commandType: System.Data.CommandType.Text);
        progress?.Report(new BenchProgress(loading, 5, stages));
        var load = Stopwatch.GetElapsedTime(started);

        // What the dashboard read before the summary, once, for scale.
        t = Stopwatch.GetTimestamp();
        _ = await CollectionTotals.ByDayFromLedgerAsync(connection, Council, AccountKind.CouncilTax, new LocalDate(1990, 1, 1), today, [year.StartYear, year.Previous.StartYear]);
        var ledgerSumOnce = Stopwatch.GetElapsedTime(t);
        progress?.Report(new BenchProgress(loading, 6, stages));

        async Task<int> Dashboard()
        {
            var d = await ReadCollectionDashboard.HandleAsync(connection, Council, AccountKind.CouncilTax, year, today);
            if (d.ThisYear.Count == 0 || d.LastYear.Count == 0 || d.OpenAccounts == 0)
            {
                throw new InvalidOperationException("The collection dashboard found no figures to show");
            }

            return d.ThisYear.Count + d.LastYear.Count + 2;
        }

        // "My work" as the home page's view component reads it: the page of items, then its accounts and names.
        async Task<WorkPage> MyWork()
        {
            var page = await WorkLists.MyWorkAsync(connection, Council, HomePageBenchOptions.Officer, null, 1, today);
            var accounts = await AccountStore.GetManyAsync(connection, Council,
                page.Items.Where(i => i.AccountId is not null).Select(i => i.AccountId!.Value).Distinct().ToList());
            var names = await PartyNames.CurrentAsync(connection, Council,
                page.Items.Where(i => i.PartyId is not null).Select(i => i.PartyId!.Value).Distinct().ToList());
            if (page.Items.Count == 0 || accounts.Count == 0 || names.Count == 0)
            {
                throw new InvalidOperationException("My work found nothing to show");
            }

            return page;
        }

        var dashboardRows = await Dashboard();
        var firstPage = await MyWork();

        // The baselines read as many rows by primary key: ledger lines for the dashboard's rows; for "My work" the
        // page's own items, their accounts and their people's names.
        string In(IEnumerable<long?> values) => string.Join(", ", values.OfType<long>().Distinct().Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var dashboardBaseline = $"select * from ledger_line where council_id = 1 and entry_id > 1000 and entry_id <= {1000 + dashboardRows}";
        var myWorkBaseline = new[]
        {
            $"select * from work_item where council_id = 1 and work_item_id in ({In(firstPage.Items.Select(i => (long?)i.WorkItemId))})",
            $"select * from account where council_id = 1 and account_id in ({In(firstPage.Items.Select(i => i.AccountId))})",
            $"select * from party_name where council_id = 1 and party_id in ({In(firstPage.Items.Select(i => i.PartyId))})",
        };
        var myWorkRows = 0;
        foreach (var sql in myWorkBaseline)
        {
            myWorkRows += (await connection.QueryAsync(sql)).Count();
        }

        async Task DashboardBaseline() => _ = await connection.QueryAsync(dashboardBaseline);

        async Task MyWorkBaseline()
        {
            foreach (var sql in myWorkBaseline)
            {
                _ = await connection.QueryAsync(sql);
            }
        }

        // Warm each the same way, then alternate page and baseline so cache and checkpoints fall on both alike.
        for (var i = 0; i < 5; i++)
        {
            await Dashboard();
            await DashboardBaseline();
            await MyWork();
            await MyWorkBaseline();
        }

        var timings = new long[4][];
        for (var k = 0; k < timings.Length; k++)
        {
            timings[k] = new long[options.Reads];
        }

        const string reading = "Reading the pages and the baselines";
        progress?.Report(new BenchProgress(reading, 0, options.Reads));
        for (var i = 0; i < options.Reads; i++)
        {
            timings[0][i] = await TimeAsync(Dashboard);
            timings[1][i] = await TimeAsync(DashboardBaseline);
            timings[2][i] = await TimeAsync(MyWork);
            timings[3][i] = await TimeAsync(MyWorkBaseline);
            progress?.Report(new BenchProgress(reading, i + 1, options.Reads));
        }

        return new HomePageFigures(db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, load, lines, summaryBuild, live, ledgerSumOnce,
            dashboardRows, LatencyFigures.From(timings[0]), LatencyFigures.From(timings[1]),
            myWorkRows, firstPage.Total, LatencyFigures.From(timings[2]), LatencyFigures.From(timings[3]));
    }

    private static async Task<long> TimeAsync(Func<Task> read)
    {
        var t = Stopwatch.GetTimestamp();
        await read();
        return Stopwatch.GetTimestamp() - t;
    }

    private static async Task<long> TimeAsync<T>(Func<Task<T>> read) => await TimeAsync(async () => { _ = await read(); });

    private static string Numbers(DbConnection connection, string count) =>
        SqlDialect.Of(connection).Provider == DatabaseProvider.Postgres
            ? $"with numbers(i) as (select generate_series(1, {count})) "
            : $"with recursive numbers(i) as (select 1 union all select i + 1 from numbers where i < {count}) ";

    // One person per account, written set-based by the database; the accounts through the ledger's own bulk opener
    // (binary COPY on PostgreSQL), six in ten paying by Direct Debit and one in fifty closed.
    private static async Task LoadPeopleAndAccountsAsync(DbConnection connection, int accounts, FinancialYear year, Instant now, CancellationToken ct)
    {
        var opened = year.Previous.FirstDay.PlusYears(-3);
        var args = new { n = accounts, now, opened };
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await connection.ExecuteAsync("insert into council (council_id, code, name, created_at) values (1, 'BENCH', 'Benchmark Borough Council', @now)", args, tx);
            await connection.ExecuteAsync(Numbers(connection, "@n") +
                "insert into party (council_id, party_id, kind, version, created_at) select 1, i, 'person', 1, @now from numbers", args, tx, commandTimeout: 3600);
            await connection.ExecuteAsync(Numbers(connection, "@n") +
                "insert into party_name (council_id, party_id, name_seq, forenames, surname, display_name, search_key, effective_from, reason, recorded_at, recorded_by) " +
                "select 1, i, 1, 'Person', 'Number ' || i, 'Person Number ' || i, 'person number ' || i, @opened, 'Loaded', @now, 'bench' from numbers",
                args, tx, commandTimeout: 3600);
            await IdAllocator.ReserveAsync(connection, tx, Council, "party", accounts);
            await tx.CommitAsync(ct);
        }

        const int chunk = 100_000;
        for (var from = 1; from <= accounts; from += chunk)
        {
            var batch = Enumerable.Range(from, Math.Min(chunk, accounts - from + 1))
                .Select(i => new AccountStore.NewAccount(opened, i, i % 10 < 6 ? "direct-debit" : "cash")).ToList();
            await using var tx = await connection.BeginTransactionAsync(ct);
            var made = await AccountStore.OpenManyAsync(connection, tx, Council, AccountKind.CouncilTax, batch, now, ct);
            if (made[0].AccountId != from)
            {
                throw new InvalidOperationException($"Expected account {from}, made {made[0].AccountId}");
            }

            await tx.CommitAsync(ct);
        }

        await connection.ExecuteAsync("update account set closed_on = @closed where council_id = 1 and account_id % 50 = 0",
            new { closed = year.Previous.FirstDay }, commandTimeout: 3600);
    }

    // Two years of a charge on 1 April and ten instalments a month apart on every account, written set-based by the
    // database itself under two postings; ids are taken from the council's block so later postings follow on.
    private static async Task<long> LoadLedgerAsync(DbConnection connection, bool postgres, int accounts, FinancialYear year, Instant now)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var perAccount = HomePageBenchOptions.LinesPerYear * HomePageBenchOptions.Years;
        long lines = (long)accounts * perAccount;
        var firstEntry = await IdAllocator.ReserveAsync(connection, tx, Council, "ledger_entry", checked((int)lines));
        var firstPosting = await IdAllocator.ReserveAsync(connection, tx, Council, "ledger_posting", 2);
        await connection.ExecuteAsync(
            "insert into ledger_posting (council_id, posting_id, posted_at, posted_by, reason, source_rule) values " +
            "(1, @charges, @now, 'bench', 'Annual charge', 'LGFA 1992 s10'), (1, @payments, @now, 'bench', 'Instalment paid', 'Payment received')",
            new { charges = firstPosting, payments = firstPosting + 1, now }, tx);
        var dialect = SqlDialect.Of(connection);
        var day = dialect.AddDays("case when y.y = 0 then @lastYearStart else @thisYearStart end", "case when k.k = 0 then 0 else k.k * 30 + numbers.i % 28 end");
        var series = postgres
            ? "cross join (select generate_series(0, 10) as k) k cross join (select generate_series(0, 1) as y) y "
            : "cross join (with recursive s(k) as (select 0 union all select k + 1 from s where k < 10) select k from s) k " +
              "cross join (select 0 as y union all select 1) y ";
        await connection.ExecuteAsync(Numbers(connection, "@n") +
            "insert into ledger_line (council_id, entry_id, account_id, posting_id, kind, debit_book, credit_book, amount_pence, financial_year, effective_date) " +
            $"select 1, @firstEntry + (numbers.i - 1) * {perAccount} + y.y * {HomePageBenchOptions.LinesPerYear} + k.k, numbers.i, " +
            "case when k.k = 0 then @charges else @payments end, " +
            $"case when k.k = 0 then {(int)EntryKind.Charge} else {(int)EntryKind.Payment} end, " +
            $"case when k.k = 0 then {(int)Book.Debtors} else {(int)Book.Cash} end, " +
            $"case when k.k = 0 then {(int)Book.Income} else {(int)Book.Debtors} end, " +
            "case when k.k = 0 then 150000 + (numbers.i % 97) * 100 else 14000 + (numbers.i % 13) * 50 end, " +
            "@lastYear + y.y, " + day + " from numbers " + series,
            new
            {
                n = accounts, firstEntry, charges = firstPosting, payments = firstPosting + 1, lastYear = year.Previous.StartYear,
                lastYearStart = year.Previous.FirstDay, thisYearStart = year.FirstDay,
            }, tx, commandTimeout: 7200);
        await tx.CommitAsync();
        return lines;
    }

    private static async Task LoadWorkAsync(DbConnection connection, HomePageBenchOptions options, LocalDate today, Instant now, CancellationToken ct)
    {
        var officers = Enumerable.Range(1, 20).Select(o => $"officer{o:00}").ToList();
        var items = Enumerable.Range(0, options.WorkItems).Select(i =>
        {
            var account = (long)i * 7919 % options.Accounts + 1;
            var item = new WorkToRaise("bench", i.ToString(CultureInfo.InvariantCulture), Kinds[i % Kinds.Length], $"Work item {i}",
                Teams[i % Teams.Length], today.PlusDays(i % 61 - 30), i % 4 == 0 ? WorkClock.CalendarDays : WorkClock.WorkingDays, account, account);
            return (item, i % 3 == 0 ? null : officers[i / 3 % officers.Count]);
        }).ToList();
        await using var tx = await connection.BeginTransactionAsync(ct);
        await WorkItems.InsertOpenAsync(connection, tx, Council, items, now, ct);
        for (var o = 0; o < officers.Count; o++)
        {
            await AssignWork.JoinTeamAsync(connection, tx, Council, officers[o], Teams[o % Teams.Length]);
        }

        await tx.CommitAsync(ct);
    }

    // A day's payments through the ledger's own posting, after the refresh: the dashboard adds them up live.
    private static async Task<long> PostLivePaymentsAsync(DbConnection connection, int accounts, FinancialYear year, LocalDate today, Instant now, CancellationToken ct)
    {
        var day = today < year.LastDay ? today : year.LastDay;
        var entries = Enumerable.Range(0, Math.Min(HomePageBenchOptions.LivePayments, accounts))
            .Select(i => new NewEntry(Council, (long)i * 613 % accounts + 1, EntryKind.Payment, Money.FromPence(14_000), year, day,
                "bench", "Instalment paid", "Payment received", null))
            .ToList();
        await using var tx = await connection.BeginTransactionAsync(ct);
        var posted = await PostEntries.PostAsync(connection, tx, entries, now, ct);
        if (posted is not Outcome<PostResult>.Done { Value: var result })
        {
            throw new InvalidOperationException($"The day's payments were not posted: {posted}");
        }

        await tx.CommitAsync(ct);
        return result.Posted.Count;
    }
}
