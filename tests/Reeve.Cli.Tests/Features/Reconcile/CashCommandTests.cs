using Reeve.Cli.Tests.Features.ImportPayments;

namespace Reeve.Cli.Tests.Features.Reconcile;

/// <summary>`reeve payments statement`, `reconcile`, `refunds pay` and `refunds pay-cards` on a council with one account charged £1,200.00 and a bank statement imported.</summary>
public sealed class CashCommandTests : IAsyncLifetime
{
    private readonly PaymentsFixture _f = new();

    public async Task InitializeAsync()
    {
        await _f.SetUpAsync();
        var file = _f.BankCsv(
            $"01/05/2025,FPI,J SMITH CTAX {_f.Account.Reference},100.00,,1100.00",
            "01/05/2025,FPI,UNKNOWN PAYER,9.99,,1109.99");
        (await CliRun.RunAsync("payments", "import", "--db", _f.Db, "--file", file, "--format", "bank-csv")).ExitCode.ShouldBe(0);
    }

    public Task DisposeAsync()
    {
        _f.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_statement_brings_forward_and_carries_forward_and_writes_csv()
    {
        var csv = Path.Combine(Path.GetDirectoryName(_f.Db)!, "statement.csv");

        var run = await CliRun.RunAsync("payments", "statement", "--db", _f.Db, "--account", _f.Account.Reference.Value, "--from", "2025-05-01", "--to", "2025-05-31", "--csv", csv);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("Balance brought forward");
        run.Stdout.ShouldContain("£1,100.00");
        File.ReadAllText(csv).ShouldContain("\"Balance carried forward\",,0.00,100.00,1100.00");
    }

    [Fact]
    public async Task Reconciling_the_day_agrees_and_a_bad_account_reference_for_a_statement_is_refused()
    {
        var run = await CliRun.RunAsync("payments", "reconcile", "--db", _f.Db, "--date", "2025-05-01");

        run.ExitCode.ShouldBe(0, run.Stdout + run.Stderr);
        run.Stdout.ShouldContain("£109.99");
        run.Stdout.ShouldContain("Everything agrees to the penny.");
        var bad = await CliRun.RunAsync("payments", "statement", "--db", _f.Db, "--account", "12345", "--from", "2025-05-01", "--to", "2025-05-31");
        bad.ExitCode.ShouldBe(2);
        bad.Stderr.ShouldContain("--account");
    }

    [Fact]
    public async Task Paying_refunds_without_the_councils_refund_account_is_refused_and_with_none_approved_writes_nothing()
    {
        var output = Path.Combine(Path.GetDirectoryName(_f.Db)!, "refunds.txt");

        var refused = await CliRun.RunAsync("payments", "refunds", "pay", "--db", _f.Db, "--processing-date", "2026-11-24", "--out", output);
        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("refund bank account");

        (await CliRun.RunAsync("payments", "refunds", "settings", "--db", _f.Db, "--limit", "100.00", "--sun", "123456", "--sort-code", "089999",
            "--account-number", "66374958", "--name", "Wealdmoor DC")).ExitCode.ShouldBe(0);
        // `reeve refunds pay`, as the issue and officers spell it, is the same command as `reeve payments refunds pay`.
        var none = await CliRun.RunAsync("refunds", "pay", "--db", _f.Db, "--processing-date", "2026-11-24", "--out", output);
        none.ExitCode.ShouldBe(0, none.Stderr);
        none.Stdout.ShouldContain("No approved bank refunds");
        File.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task Paying_card_refunds_without_a_GOV_UK_Pay_key_is_refused_naming_where_the_key_goes()
    {
        var refused = await CliRun.RunAsync("payments", "refunds", "pay-cards", "--db", _f.Db);

        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("REEVE_GOVUKPAY_API_KEY");
    }
}
