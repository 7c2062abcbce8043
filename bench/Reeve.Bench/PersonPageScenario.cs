using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;

namespace Reeve.Bench;

public sealed record PersonPageBenchOptions(int Accounts, int Reads)
{
    public const int DefaultAccounts = 1_000_000;
    public const int DefaultReads = 200;

    /// <summary>The person measured: liable on this many accounts, each with this many years of history.</summary>
    public const int PersonAccounts = 20;
    public const int Years = 5;
}

public sealed record PersonPageFigures(
    string Provider, string Database, PersonPageBenchOptions Options, TimeSpan Load, int RowsRead, LatencyFigures Page, LatencyFigures Baseline)
{
    /// <summary>The target: the person page with 20 accounts and 5 years of history in under 100 ms.</summary>
    public const double TargetP99Ms = 100;

    public double Ratio => Page.P50Ms / Baseline.P50Ms;

    public bool Passes => Page.P99Ms < TargetP99Ms;
}

/// <summary>
/// `reeve bench person-page`: a council of a million accounts (two ledger entries and an event each), and one person
/// liable on 20 accounts with 5 years of history (charges, ten payments a year, recovery events, holds). Times the
/// person page's reads (the party and <see cref="PersonAccounts.ViewAsync"/>) against a baseline that reads exactly the
/// same rows by primary key, measured in the same run.
/// </summary>
public static class PersonPageScenario
{
    private static readonly CouncilId Council = new(1);

    public static async Task<PersonPageFigures> RunAsync(
        ScratchDatabase scratch, PersonPageBenchOptions options, IClock clock, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        var db = scratch.Db;
        await MigrationRunner.MigrateAsync(db, ct);
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetCurrentInstant();
        var started = Stopwatch.GetTimestamp();
        progress?.Report(new BenchProgress("Loading the council", 0, 4));
        await LoadBackgroundAsync(connection, db.IsPostgres, options.Accounts, now);
        progress?.Report(new BenchProgress("Loading the council", 3, 4));
        var (personId, ids) = await LoadPersonAsync(connection, db.IsPostgres, options.Accounts, now, ct);
        await connection.ExecuteAsync(db.IsPostgres ? "vacuum analyze" : "analyze", commandTimeout: 900, commandType: System.Data.CommandType.Text);
        progress?.Report(new BenchProgress("Loading the council", 4, 4));
        var load = Stopwatch.GetElapsedTime(started);

        // The baseline reads the same rows the page shows, each table's by its primary key in one statement.
        string In(IEnumerable<long> values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var baselineSql = new[]
        {
            $"select * from party where council_id = 1 and party_id = {personId}",
            $"select * from party_name where council_id = 1 and party_id = {personId} and name_seq = 1",
            $"select * from account where council_id = 1 and account_id in ({In(ids.Accounts)})",
            $"select * from account_party where council_id = 1 and account_id in ({In(ids.Accounts)}) and party_id = {personId}",
            $"select * from ledger_entry where council_id = 1 and entry_id in ({In(ids.Entries)})",
            $"select * from account_event where council_id = 1 and event_id in ({In(ids.Events)})",
            $"select * from account_hold where council_id = 1 and hold_id in ({In(ids.Holds)})",
        };
        var rows = 0;
        foreach (var sql in baselineSql)
        {
            rows += (await connection.QueryAsync(sql)).Count();
        }

        async Task Page()
        {
            _ = await PartyReader.GetAsync(connection, Council, personId);
            var view = await PersonAccounts.ViewAsync(connection, Council, personId, 3);
            if (view.Accounts.Count != PersonPageBenchOptions.PersonAccounts)
            {
                throw new InvalidOperationException($"The person page found {view.Accounts.Count} accounts, not {PersonPageBenchOptions.PersonAccounts}");
            }
        }

        async Task Baseline()
        {
            foreach (var sql in baselineSql)
            {
                _ = await connection.QueryAsync(sql);
            }
        }

        // Warm both the same way, then alternate them so cache and checkpoints fall on both alike.
        for (var i = 0; i < 10; i++)
        {
            await Page();
            await Baseline();
        }

        var page = new long[options.Reads];
        var baseline = new long[options.Reads];
        progress?.Report(new BenchProgress("Reading the person page and the baseline", 0, options.Reads));
        for (var i = 0; i < options.Reads; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await Page();
            page[i] = Stopwatch.GetTimestamp() - t;
            t = Stopwatch.GetTimestamp();
            await Baseline();
            baseline[i] = Stopwatch.GetTimestamp() - t;
            progress?.Report(new BenchProgress("Reading the person page and the baseline", i + 1, options.Reads));
        }

        return new PersonPageFigures(db.IsPostgres ? "postgres" : "sqlite", scratch.Description, options, load, rows,
            LatencyFigures.From(page), LatencyFigures.From(baseline));
    }

    // A million accounts, half as many people (two accounts each), a charge and a payment and an event per account,
    // written set-based by the database itself so loading takes seconds, not minutes.
    private static async Task LoadBackgroundAsync(DbConnection connection, bool postgres, int accounts, Instant now)
    {
        var numbers = postgres
            ? "with numbers(i) as (select generate_series(1, @n)) "
            : "with recursive numbers(i) as (select 1 union all select i + 1 from numbers where i < @n) ";
        var people = Math.Max(1, accounts / 2);
        var args = new
        {
            n = accounts, people, now = now, opened = new LocalDate(2024, 4, 1),
            charged = new LocalDate(2025, 4, 1),
        };
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("insert into council (council_id, code, name, created_at) values (1, 'BENCH', 'Benchmark Borough Council', @now)", args, tx, commandTimeout: 900);
        await connection.ExecuteAsync(numbers.Replace("@n", "@people", StringComparison.Ordinal) +
            "insert into party (council_id, party_id, kind, version, created_at) select 1, i, 'person', 1, @now from numbers", args, tx, commandTimeout: 900);
        await connection.ExecuteAsync(numbers.Replace("@n", "@people", StringComparison.Ordinal) +
            "insert into party_name (council_id, party_id, name_seq, forenames, surname, display_name, search_key, effective_from, reason, recorded_at, recorded_by) " +
            "select 1, i, 1, 'Person', 'Number ' || i, 'Person Number ' || i, 'person number ' || i, @opened, 'Loaded', @now, 'bench' from numbers", args, tx, commandTimeout: 900);
        await connection.ExecuteAsync(numbers +
            "insert into account (council_id, account_id, reference, kind, opened_on, payment_method, version, created_at) " +
            "select 1, i, 'B' || i, 'council-tax', @opened, 'cash', 1, @now from numbers", args, tx, commandTimeout: 900);
        await connection.ExecuteAsync(numbers +
            "insert into account_party (council_id, account_id, party_id, role, liable_from) select 1, i, ((i - 1) % @people) + 1, 'liable', @opened from numbers", args, tx, commandTimeout: 900);
        // Two postings (the charges, the payments) and then their entries; the person's own come under a third.
        await connection.ExecuteAsync(
            "insert into ledger_posting (council_id, posting_id, posted_at, posted_by, reason, source_rule) values " +
            "(1, 1, @now, 'bench', 'Annual charge', 'LGFA 1992 s10'), (1, 2, @now, 'bench', 'Payment', 'Payment received'), (1, 3, @now, 'bench', 'Loaded', 'Loaded')",
            args, tx);
        await connection.ExecuteAsync(numbers +
            "insert into ledger_line (council_id, entry_id, account_id, posting_id, kind, debit_book, credit_book, amount_pence, financial_year, effective_date) " +
            "select 1, i * 2 - 1, i, 1, 1, 1, 2, 150000, 2025, @charged from numbers " +
            "union all select 1, i * 2, i, 2, 2, 4, 1, 12500, 2025, @charged from numbers", args, tx, commandTimeout: 900);
        await IdAllocator.ReserveAsync(connection, tx, new CouncilId(1), "ledger_posting", 3);
        await connection.ExecuteAsync(numbers +
            "insert into account_event (council_id, event_id, account_id, occurred_at, effective_date, kind, summary, officer) " +
            "select 1, i, i, @now, @charged, 'opened', 'Account opened', 'bench' from numbers", args, tx, commandTimeout: 900);
        await tx.CommitAsync();
    }

    private sealed record PersonRows(List<long> Accounts, List<long> Entries, List<long> Events, List<long> Holds);

    private static async Task<(long PersonId, PersonRows Ids)> LoadPersonAsync(DbConnection connection, bool postgres, int accounts, Instant now, CancellationToken ct)
    {
        var personId = Math.Max(1, accounts / 2) + 1L;
        var ids = new PersonRows([], [], [], []);
        long entryId = accounts * 2L, eventId = accounts, holdId = 0;
        var entries = new List<object>();
        var events = new List<object>();
        var holds = new List<object>();
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync("insert into party (council_id, party_id, kind, version, created_at) values (1, @personId, 'person', 1, @now)",
            new { personId, now = now }, tx);
        await connection.ExecuteAsync(
            "insert into party_name (council_id, party_id, name_seq, forenames, surname, display_name, search_key, effective_from, reason, recorded_at, recorded_by) " +
            "values (1, @personId, 1, 'Measured', 'Person', 'Measured Person', 'measured person | person measured', @from, 'Loaded', @now, 'bench')",
            new { personId, from = new LocalDate(2020, 4, 1), now = now }, tx);
        for (var a = 0; a < PersonPageBenchOptions.PersonAccounts; a++)
        {
            var accountId = accounts + 1L + a;
            ids.Accounts.Add(accountId);
            await connection.ExecuteAsync(
                "insert into account (council_id, account_id, reference, kind, opened_on, payment_method, version, created_at) values (1, @accountId, @reference, 'council-tax', @opened, 'cash', 1, @now)",
                new
                {
                    accountId, reference = AccountReference.Create(AccountKind.CouncilTax, 900_000 + a).Value,
                    opened = new LocalDate(2021, 4, 1), now = now,
                }, tx);
            await connection.ExecuteAsync(
                "insert into account_party (council_id, account_id, party_id, role, liable_from) values (1, @accountId, @personId, @role, @from)",
                new { accountId, personId, role = a % 4 == 0 ? "joint" : "liable", from = new LocalDate(2021, 4, 1) }, tx);
            for (var y = 0; y < PersonPageBenchOptions.Years; y++)
            {
                var year = 2021 + y;
                var day = new LocalDate(year, 4, 1);
                entries.Add(Entry(++entryId, accountId, EntryKind.Charge, 160_000, year, day));
                for (var p = 0; p < 10; p++)
                {
                    entries.Add(Entry(++entryId, accountId, EntryKind.Payment, 12_000, year, day.PlusMonths(p + 1)));
                }

                foreach (var kind in new[] { "bill-issued", "reminder", "final-notice", "payment", "summons" })
                {
                    events.Add(new
                    {
                        id = ++eventId, accountId, at = now, day = day.PlusMonths(events.Count % 11),
                        kind, summary = $"{kind} for {year}",
                    });
                }
            }

            for (var h = 0; h < 2; h++)
            {
                holds.Add(new
                {
                    id = ++holdId, accountId, reason = h == 0 ? "arrangement" : "breathing-space", from = new LocalDate(2024 + h, 5, 1),
                    to = new LocalDate(2024 + h, 6, 29), now = now,
                });
            }
        }

        object Entry(long id, long accountId, EntryKind kind, long pence, int year, LocalDate day)
        {
            ids.Entries.Add(id);
            var (debit, credit) = EntryRules.BooksFor(kind);
            return new
            {
                id, accountId, kind = (short)kind, debit = (short)debit, credit = (short)credit, pence, year = (short)year, day = day,
            };
        }

        await connection.ExecuteAsync(
            "insert into ledger_line (council_id, entry_id, account_id, posting_id, kind, debit_book, credit_book, amount_pence, financial_year, effective_date) " +
            "values (1, @id, @accountId, 3, @kind, @debit, @credit, @pence, @year, @day)", entries, tx);
        await connection.ExecuteAsync(
            "insert into account_event (council_id, event_id, account_id, occurred_at, effective_date, kind, summary, officer) values (1, @id, @accountId, @at, @day, @kind, @summary, 'bench')",
            events, tx);
        await connection.ExecuteAsync(
            "insert into account_hold (council_id, hold_id, account_id, reason, hold_from, hold_to, note, placed_by, placed_at) values (1, @id, @accountId, @reason, @from, @to, 'Loaded', 'bench', @now)",
            holds, tx);
        ids.Events.AddRange(Enumerable.Range(0, events.Count).Select(i => accounts + 1L + i));
        ids.Holds.AddRange(Enumerable.Range(1, holds.Count).Select(i => (long)i));
        await tx.CommitAsync(ct);
        return (personId, ids);
    }
}
