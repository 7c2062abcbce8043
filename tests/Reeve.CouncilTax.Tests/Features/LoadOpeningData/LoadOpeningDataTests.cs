using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.CouncilTax.Tests.Features;

public abstract class LoadOpeningDataTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    // The load is taken on 1 October 2025, half way through 2025/26.
    private static readonly LocalDate GoLive = new(2025, 10, 1);

    /// <summary>The example set under samples/opening-load/, as the runbook uses it.</summary>
    public static Dictionary<string, byte[]> SampleSet()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reeve.slnx")))
        {
            dir = dir.Parent;
        }

        var samples = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Reeve.slnx not found"), "samples", "opening-load");
        return Directory.GetFiles(samples, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
    }

    private static string Text(Dictionary<string, byte[]> set, string file) => Encoding.UTF8.GetString(set[file]);

    private static Dictionary<string, byte[]> With(Dictionary<string, byte[]> set, string file, Func<string, string> change) =>
        new(set, StringComparer.Ordinal) { [file] = Encoding.UTF8.GetBytes(change(Text(set, file))) };

    // Replaces one line (counted from 1, the header being line 1) of a file.
    private static Func<string, string> Line(int number, Func<string, string> change) => text =>
    {
        var lines = text.Split("\r\n");
        lines[number - 1] = change(lines[number - 1]);
        return string.Join("\r\n", lines);
    };

    private Task<LoadOpeningData.Result> CommitAsync(Dictionary<string, byte[]> set) =>
        InTransactionAsync((c, tx) => LoadOpeningData.CommitAsync(c, tx, Council, set, GoLive, "data-migration", Now));

    private Task<LoadOpeningData.Result> ValidateAsync(Dictionary<string, byte[]> set) =>
        ReadAsync(c => LoadOpeningData.ValidateAsync(c, null, Council, set, GoLive));

    // Every table the load writes, counted: what "nothing was written" is checked against.
    private static readonly string[] Written =
    [
        "property", "party", "party_name", "party_address", "account", "account_party", "account_event", "residence", "ctax_award", "bill", "instalment",
        "ledger_line", "ledger_posting", "opening_load", "opening_load_record",
    ];

    private Task<string> EverythingAsync() => ReadAsync(async c =>
    {
        var counts = new List<string>();
        foreach (var table in Written)
        {
            counts.Add($"{table}={await c.ExecuteScalarAsync<long>($"select count(*) from {table}")}");
        }

        return string.Join(" ", counts);
    });

    private async Task<string> BalancesByYearAsync()
    {
        var ids = await ReadAsync(c => c.QueryAsync<long>("select account_id from account where council_id = 1"));
        var money = await ReadAsync(c => AccountMoney.ForAccountsAsync(c, Council, ids.ToList()));
        return string.Join(" ", money.Values.SelectMany(m => m.ByYear).GroupBy(y => y.Year).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Sum(y => y.Balance.Pence)}"));
    }

    // The control file's balance totals: 2024/25 £8,029.31 and 2025/26 £33,249.27, as samples/opening-load/control.csv says.
    [Fact]
    public async Task Sample_set_loads_and_the_balances_by_year_read_back_equal_the_control_totals()
    {
        var set = SampleSet();

        var valid = (await ValidateAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Valid>().Summary;
        (valid.Properties, valid.People, valid.Accounts, valid.Plans).ShouldBe((36, 46, 36, 36));
        var loaded = (await CommitAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Loaded>();

        loaded.Summary.Balances.ShouldBe(52);
        (await BalancesByYearAsync()).ShouldBe("2024/25=802931 2025/26=3324927");
        var counts = await ReadAsync(async c => (
            await c.ExecuteScalarAsync<long>("select count(*) from property where council_id = 1"),
            await c.ExecuteScalarAsync<long>("select count(*) from party where council_id = 1"),
            await c.ExecuteScalarAsync<long>("select count(*) from account where council_id = 1 and kind = 'council-tax'"),
            await c.ExecuteScalarAsync<long>("select count(*) from residence where council_id = 1"),
            await c.ExecuteScalarAsync<long>("select count(*) from instalment where council_id = 1"),
            await c.ExecuteScalarAsync<long>("select count(*) from ctax_award where council_id = 1")));
        counts.ShouldBe((36L, 46L, 36L, 46L, 360L, 2L));
    }

    // Each opening balance names its source (file, line, incumbent reference) and the migration's rule.
    [Fact]
    public async Task Each_balance_is_posted_with_its_file_line_and_incumbent_reference()
    {
        (await CommitAsync(SampleSet())).ShouldBeOfType<LoadOpeningData.Result.Loaded>();

        var first = await ReadAsync(c => c.QueryAsync<(string Reason, string Rule, long Amount)>(
            "select p.reason, p.source_rule, l.amount_pence from ledger_line l join ledger_posting p on p.council_id = l.council_id and p.posting_id = l.posting_id " +
            "where l.idempotency_key like 'opening:B40000-2526:%' order by l.entry_id"));

        // CT40000's first balance line: a plan of £2,100.00 and £840.00 still owed, so £1,260.00 was paid to the incumbent.
        first.Select(e => e.Amount).ShouldBe([210_000L, 126_000L]);
        first.ShouldAllBe(e => e.Reason.Contains("balances.csv line 2, incumbent reference B40000-2526") && e.Rule == LoadOpeningData.SourceRule);
        var bill = await ReadAsync(c => c.QuerySingleAsync<(long Net, long Instalments)>(
            "select b.net_pence, (select count(*) from instalment i where i.council_id = b.council_id and i.account_id = b.account_id) from bill b " +
            "join account a on a.council_id = b.council_id and a.account_id = b.account_id where a.account_id = (select reeve_id from opening_load_record where incumbent_ref = 'CT40000')"));
        bill.ShouldBe((210_000L, 10L));
    }

    // Imports are idempotent: the same set twice writes nothing the second time.
    [Fact]
    public async Task Loading_the_same_set_twice_changes_nothing()
    {
        (await CommitAsync(SampleSet())).ShouldBeOfType<LoadOpeningData.Result.Loaded>();
        var after = await EverythingAsync();

        (await CommitAsync(SampleSet())).ShouldBeOfType<LoadOpeningData.Result.AlreadyLoaded>();

        (await EverythingAsync()).ShouldBe(after);
    }

    // A different set naming the same incumbent references skips what was loaded before and brings in only the new.
    [Fact]
    public async Task A_later_set_skips_the_people_and_accounts_loaded_before()
    {
        (await CommitAsync(SampleSet())).ShouldBeOfType<LoadOpeningData.Result.Loaded>();
        var changedControl = With(SampleSet(), OpeningLoadFiles.Control, t => t.Replace("(incumbent)", "(second extract)", StringComparison.Ordinal));
        var before = await BalancesByYearAsync();

        var again = (await CommitAsync(changedControl)).ShouldBeOfType<LoadOpeningData.Result.Loaded>().Summary;

        (again.People, again.PeopleLoadedBefore, again.Accounts, again.AccountsLoadedBefore, again.PropertiesOnFile).ShouldBe((0, 46, 0, 36, 36));
        (await BalancesByYearAsync()).ShouldBe(before);
    }

    public static TheoryData<string, Func<string, string>, string, int, string> BadLines() => new()
    {
        { "missing field", Line(3, l => l.Replace("2021-05-21", "", StringComparison.Ordinal)), OpeningLoadFiles.People, 3, "known_from" },
        { "bad date", Line(2, l => l.Replace(",2025-04-01,", ",2025-13-01,", StringComparison.Ordinal)), OpeningLoadFiles.Instalments, 2, "due_on" },
        { "bad money", Line(2, l => l.Replace("210.00", "210.5", StringComparison.Ordinal)), OpeningLoadFiles.Instalments, 2, "amount" },
        { "unknown reference", Line(2, l => l.Replace("P1001", "P9999", StringComparison.Ordinal)), OpeningLoadFiles.Liabilities, 2, "person_ref" },
        { "duplicate reference", Line(3, l => "CT40000" + l[l.IndexOf(',', StringComparison.Ordinal)..]), OpeningLoadFiles.Accounts, 3, "account_ref" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_line_is_reported_with_its_file_line_and_field_and_nothing_is_written(
        string what, Func<string, string> change, string file, int line, string field)
    {
        var before = await EverythingAsync();
        var set = With(SampleSet(), file, change);

        var refused = (await CommitAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Refused>(what);

        refused.Problems.ShouldContain(p => p.File == file && p.Line == line && p.Field == field, what);
        (await ValidateAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Refused>().Problems.ShouldBe(refused.Problems);
        (await EverythingAsync()).ShouldBe(before);
    }

    // Every problem is reported, not just the first: two bad lines in two files give two problems.
    [Fact]
    public async Task Every_problem_in_the_set_is_reported()
    {
        var set = With(With(SampleSet(), OpeningLoadFiles.Properties, Line(4, l => l.Replace(",Wealdmoor,", ",,", StringComparison.Ordinal))),
            OpeningLoadFiles.Balances, Line(5, l => l.Replace("2025/26", "2025/27", StringComparison.Ordinal)));

        var problems = (await ValidateAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Refused>().Problems;

        problems.ShouldContain(p => p.File == OpeningLoadFiles.Properties && p.Line == 4 && p.Field == "town");
        problems.ShouldContain(p => p.File == OpeningLoadFiles.Balances && p.Line == 5 && p.Field == "financial_year");
    }

    // A load whose balances do not add up to its control totals is refused (issue 17).
    [Fact]
    public async Task A_load_whose_balances_do_not_add_up_to_the_control_totals_is_refused()
    {
        var before = await EverythingAsync();
        var set = With(SampleSet(), OpeningLoadFiles.Control, t => t.Replace("balance,2025/26,33249.27", "balance,2025/26,33249.28", StringComparison.Ordinal));

        var refused = (await CommitAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Refused>();

        refused.Problems.ShouldContain(p => p.File == OpeningLoadFiles.Balances && p.Field == "balance" && p.Message.Contains("£33,249.27"));
        (await EverythingAsync()).ShouldBe(before);
    }

    // The control file's counts must match the lines of each file.
    [Fact]
    public async Task A_load_whose_counts_do_not_match_the_control_file_is_refused()
    {
        var set = With(SampleSet(), OpeningLoadFiles.Control, t => t.Replace("count,people.csv,46", "count,people.csv,47", StringComparison.Ordinal));

        var refused = (await CommitAsync(set)).ShouldBeOfType<LoadOpeningData.Result.Refused>();

        refused.Problems.ShouldContain(p => p.File == OpeningLoadFiles.People && p.Field == "(count)");
    }

    // A load that fails part way (here the database refuses a write) leaves nothing behind: one transaction.
    [Fact]
    public async Task A_load_that_fails_part_way_leaves_nothing_half_done()
    {
        var before = await EverythingAsync();
        await using var connection = await Db.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            (await LoadOpeningData.CommitAsync(connection, tx, Council, SampleSet(), GoLive, "data-migration", Now)).ShouldBeOfType<LoadOpeningData.Result.Loaded>();
            // The caller crashes before committing.
            await tx.RollbackAsync();
        }

        (await EverythingAsync()).ShouldBe(before);
    }
}

public sealed class LoadOpeningDataOnSqlite() : LoadOpeningDataTests(new SqliteEngine());

public sealed class LoadOpeningDataOnPostgres() : LoadOpeningDataTests(new PostgresEngine());
