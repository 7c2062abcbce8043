using Reeve.Cli.Tests.Features.ImportPayments;
using Reeve.Kernel;

namespace Reeve.Cli.Tests.Features.ImportAruddReport;

public sealed class DirectDebitCommandTests : IAsyncLifetime
{
    private readonly PaymentsFixture _f = new();

    public async Task InitializeAsync()
    {
        await _f.SetUpAsync();
        var file = _f.Write("dd.csv", $"2025-03-05,Direct Debit collection {_f.Account.Reference},65.00\n");
        (await CliRun.RunAsync("payments", "import", "--db", _f.Db, "--file", file, "--format", "bank-csv", "--layout", "signed")).ExitCode.ShouldBe(0);
        (await CliRun.RunAsync("dd", "originator", "--db", _f.Db, "--sun", "123456", "--sort-code", "40-12-34", "--account-number", "12345678", "--name", "Anytown Council"))
            .ExitCode.ShouldBe(0);
    }

    public Task DisposeAsync()
    {
        _f.Dispose();
        return Task.CompletedTask;
    }

    private string Arudd(string valueOf) => _f.Write($"arudd-{valueOf}.xml", AruddXml.Report("2025-03-07", "ANYTOWN COUNCIL", "123456", "12345678", "40-12-34",
        new ReturnedDebit($"CT{_f.Account.Reference}", "17", "0128", "REFER TO PAYER", "2025-03-05", "65.00", "66374958", "J SMITH", "08-99-99"), valueOf));

    [Fact]
    public async Task An_arudd_report_reverses_the_returned_payment_once()
    {
        var first = await CliRun.RunAsync("dd", "import", "--db", _f.Db, "--file", Arudd("65.00"));
        var again = await CliRun.RunAsync("dd", "import", "--db", _f.Db, "--file", Arudd("65.00"));

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("1 payment reversed (£65.00)");
        again.Stdout.ShouldContain("Nothing was reversed this time");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(120_000));
    }

    [Fact]
    public async Task A_report_with_a_wrong_total_exits_2_naming_the_element()
    {
        var run = await CliRun.RunAsync("dd", "import", "--db", _f.Db, "--file", Arudd("65.01"));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("Totals/@valueOf");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(113_500));
    }

    [Fact]
    public async Task A_report_for_another_service_user_exits_2_naming_the_number_and_reverses_nothing()
    {
        var other = _f.Write("arudd-other.xml", AruddXml.Report("2025-03-07", "EASTMERE COUNCIL", "434343", "12345678", "40-12-34",
            new ReturnedDebit($"CT{_f.Account.Reference}", "17", "0128", "REFER TO PAYER", "2025-03-05", "65.00", "66374958", "J SMITH", "08-99-99"), "65.00"));

        var run = await CliRun.RunAsync("dd", "import", "--db", _f.Db, "--file", other);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("ServiceLicenseInformation/@userNumber");
        run.Stderr.ShouldContain("434343");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(113_500));
        (await _f.CountAsync("arudd_import")).ShouldBe(0);
    }

    [Fact]
    public async Task A_returned_debit_with_nothing_to_reverse_is_listed_for_an_officer_until_resolved()
    {
        var unmatched = _f.Write("arudd-unmatched.xml", AruddXml.Report("2025-03-07", "ANYTOWN COUNCIL", "123456", "12345678", "40-12-34",
            new ReturnedDebit($"CT{_f.Account.Reference}", "17", "0128", "REFER TO PAYER", "2025-03-06", "65.00", "66374958", "J SMITH", "08-99-99"), "65.00"));

        var run = await CliRun.RunAsync("dd", "import", "--db", _f.Db, "--file", unmatched);
        var listed = await CliRun.RunAsync("dd", "work-items", "--db", _f.Db);
        var resolved = await CliRun.RunAsync("dd", "work-items", "resolve", "1", "--note", "Paid by card instead", "--db", _f.Db);
        var after = await CliRun.RunAsync("dd", "work-items", "--db", _f.Db);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("1 item waits for an officer");
        listed.Stdout.ShouldContain("no unreversed Direct Debit payment of £65.00 on 2025-03-06");
        resolved.ExitCode.ShouldBe(0, resolved.Stderr);
        after.Stdout.ShouldContain("No Bacs report item is waiting for an officer");
        (await _f.BalanceAsync()).ShouldBe(Money.FromPence(113_500));
    }
}
