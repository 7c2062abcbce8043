using Reeve.Kernel;

namespace Reeve.Cli.Tests.Features.ImportPayments;

public sealed class ImportPaymentsCommandTests : IAsyncLifetime
{
    private readonly PaymentsFixture _f = new();

    public Task InitializeAsync() => _f.SetUpAsync();

    public Task DisposeAsync()
    {
        _f.Dispose();
        return Task.CompletedTask;
    }

    private Task<CliOutput> ImportAsync(string file, params string[] more) =>
        CliRun.RunAsync(["payments", "import", "--db", _f.Db, "--file", file, "--format", "bank-csv", .. more]);

    [Fact]
    public async Task A_statement_is_imported_with_what_was_posted_and_what_went_to_suspense_and_why()
    {
        var file = _f.BankCsv(
            $"01/05/2025,FPI,SMITH J CTAX {_f.Account.Reference},100.00,,1100.00",
            $"01/05/2025,FPI,CTAX {_f.Mistyped},25.50,,1125.50",
            "01/05/2025,BGC,COUNCIL TAX,7.25,,1132.75",
            "01/05/2025,CHG,BANK CHARGES,,3.00,1129.75");

        var run = await ImportAsync(file);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("3 credits, 1 line not credits");
        run.Stdout.ShouldMatch(@"Posted to accounts\s+│\s+1\s+│\s+£100\.00");
        run.Stdout.ShouldMatch(@"To suspense\s+│\s+2\s+│\s+£32\.75");
        run.Stdout.ShouldMatch(@"no reference\s+│\s+1\s+│\s+£7\.25");
        run.Stdout.ShouldMatch(@"check digit wrong\s+│\s+1\s+│\s+£25\.50");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(110_000));
    }

    [Fact]
    public async Task The_file_can_be_named_as_the_argument_with_the_short_format_name()
    {
        var file = _f.BankCsv($"01/05/2025,FPI,SMITH J CTAX {_f.Account.Reference},100.00,,1100.00");

        var run = await CliRun.RunAsync("payments", "import", file, "--format", "csv", "--db", _f.Db);
        var twice = await CliRun.RunAsync("payments", "import", file, "--file", file, "--format", "csv", "--db", _f.Db);
        var neither = await CliRun.RunAsync("payments", "import", "--format", "agent", "--db", _f.Db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldMatch(@"Posted to accounts\s+│\s+1\s+│\s+£100\.00");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(110_000));
        twice.ExitCode.ShouldNotBe(0);
        twice.Stderr.ShouldContain("Name the payment file once");
        neither.ExitCode.ShouldNotBe(0);
        neither.Stderr.ShouldContain("Name the payment file once");
    }

    [Fact]
    public async Task The_same_file_twice_posts_nothing_the_second_time_and_says_so()
    {
        var file = _f.BankCsv($"01/05/2025,FPI,CTAX {_f.Account.Reference},100.00,,1100.00");
        (await ImportAsync(file)).ExitCode.ShouldBe(0);

        var second = await ImportAsync(file);

        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldContain("already imported");
        second.Stdout.ShouldContain("Nothing was posted this time");
        (await _f.CountAsync("ledger_entry")).ShouldBe(2);
    }

    [Fact]
    public async Task A_bad_line_exits_2_naming_the_line_and_field_and_posts_nothing()
    {
        var file = _f.BankCsv($"01/05/2025,FPI,CTAX {_f.Account.Reference},100.00,,1100.00", "31/02/2025,FPI,CTAX,5.00,,1105.00");

        var run = await ImportAsync(file);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("was refused and nothing was posted. line 3: date:");
        run.Stdout.ShouldBeEmpty();
        (await _f.CountAsync("ledger_entry")).ShouldBe(1);
        (await _f.CountAsync("payment_import")).ShouldBe(0);
    }

    [Fact]
    public async Task A_layout_can_be_given_as_a_json_file()
    {
        var layout = _f.Write("bank.json", """{ "DateColumn": 0, "DatePattern": "uuuu-MM-dd", "DescriptionColumn": 1, "AmountColumn": 2, "HasHeaderRow": false }""");
        var file = _f.Write("signed.csv", $"2025-05-01,CTAX {_f.Account.Reference},40.00\n");

        var run = await ImportAsync(file, "--layout", layout);

        run.ExitCode.ShouldBe(0, run.Stderr);
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(116_000));
    }

    [Theory]
    [InlineData("--format", "mt940", "--format must be camt053, csv (bank-csv) or agent (agent-csv)")]
    [InlineData("--layout", "lloyds", "--layout: 'lloyds' is not a layout")]
    [InlineData("--council", "7", "--council: there is no council 7")]
    [InlineData("--file", "missing.csv", "file: there is no file")]
    public async Task Bad_arguments_exit_2_and_name_the_option(string option, string value, string message)
    {
        var file = option == "--file" ? value : _f.BankCsv($"01/05/2025,FPI,CTAX {_f.Account.Reference},100.00,,1100.00");
        string[] args = option is "--file" or "--format"
            ? ["payments", "import", "--db", _f.Db, "--file", file, "--format", option == "--format" ? value : "bank-csv"]
            : ["payments", "import", "--db", _f.Db, "--file", file, "--format", "bank-csv", option, value];

        var run = await CliRun.RunAsync(args);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(message);
        (await _f.CountAsync("ledger_entry")).ShouldBe(1);
    }
}
