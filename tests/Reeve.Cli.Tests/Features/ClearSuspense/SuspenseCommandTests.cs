using Reeve.Cli.Tests.Features.ImportPayments;
using Reeve.Kernel;

namespace Reeve.Cli.Tests.Features.ClearSuspense;

public sealed class SuspenseCommandTests : IAsyncLifetime
{
    private readonly PaymentsFixture _f = new();

    public async Task InitializeAsync()
    {
        await _f.SetUpAsync();
        var file = _f.BankCsv($"01/05/2025,FPI,J SMITH CTAX {_f.Mistyped},25.50,,1025.50");
        (await CliRun.RunAsync("payments", "import", "--db", _f.Db, "--file", file, "--format", "bank-csv")).ExitCode.ShouldBe(0);
    }

    public Task DisposeAsync()
    {
        _f.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_list_shows_each_waiting_credit_with_the_account_one_slip_away_suggested()
    {
        var run = await CliRun.RunAsync("payments", "suspense", "list", "--db", _f.Db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("check digit wrong");
        run.Stdout.ShouldContain($"{_f.Account.Reference} (score 60");
        run.Stdout.ShouldContain("1 item, £25.50");
    }

    [Fact]
    public async Task Allocating_posts_the_payment_once_and_says_so_when_repeated()
    {
        var first = await CliRun.RunAsUserAsync("a.clerk", "payments", "suspense", "allocate", "--db", _f.Db, "--item", "1", "--account", _f.Account.Reference.Value);
        var again = await CliRun.RunAsUserAsync("a.clerk", "payments", "suspense", "allocate", "--db", _f.Db, "--item", "1", "--account", _f.Account.Reference.Value);
        var list = await CliRun.RunAsync("payments", "suspense", "list", "--db", _f.Db);

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain($"Posted £25.50 from suspense item 1 to account {_f.Account.Reference}: £25.50 to 2025/26.");
        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldContain("already allocated");
        list.Stdout.ShouldContain("Nothing is waiting in suspense.");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(117_450));
        (await _f.CountAsync("audit_log")).ShouldBe(1);
        (await _f.CountAsync("audit_log where officer = 'cli:a.clerk'")).ShouldBe(1);
    }

    [Theory]
    [InlineData("--account", "{mistyped}", "--account: The account reference's check digit is wrong")]
    [InlineData("--item", "9", "--item: there is no suspense item 9")]
    public async Task A_bad_item_or_account_exits_2_naming_it_and_posts_nothing(string option, string value, string message)
    {
        var account = option == "--account" ? value.Replace("{mistyped}", _f.Mistyped, StringComparison.Ordinal) : _f.Account.Reference.Value;
        var item = option == "--item" ? value : "1";

        var run = await CliRun.RunAsync("payments", "suspense", "allocate", "--db", _f.Db, "--item", item, "--account", account);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(message);
        (await _f.CountAsync("ledger_entry")).ShouldBe(1);
    }
}
