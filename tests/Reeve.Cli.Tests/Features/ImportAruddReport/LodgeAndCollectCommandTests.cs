using NodaTime;
using Reeve.Cli.Tests.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Features.CheckBankDetails;
using Reeve.Persistence;

namespace Reeve.Cli.Tests.Features.ImportAruddReport;

public sealed class LodgeAndCollectCommandTests : IAsyncLifetime
{
    private readonly PaymentsFixture _f = new();

    public async Task InitializeAsync()
    {
        await _f.SetUpAsync();
        using var db = ReeveDatabase.Sqlite(_f.Db);
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        (await Mandates.SetUpAsync(c, tx, new CouncilId(1), ModulusTableFiles.Load(ModulusTableFiles.ShippedFolder),
            new Mandates.SetUp(_f.Account.AccountId, "J Smith", "08-99-99", "66374958", new LocalDate(2026, 11, 1), "test"), CliRun.Now))
            .ShouldBeOfType<Outcome<Mandate>.Done>();
        await tx.CommitAsync();
    }

    public Task DisposeAsync()
    {
        _f.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lodging_needs_the_council_as_a_service_user_then_writes_the_auddis_file_once()
    {
        var out1 = _f.Write("placeholder-1", "");
        var refused = await CliRun.RunAsync("dd", "lodge", "--db", _f.Db, "--date", "2026-11-24", "--out", out1);
        (await CliRun.RunAsync("dd", "originator", "--db", _f.Db, "--sun", "424242", "--sort-code", "10-79-99", "--account-number", "88837491", "--name", "Test Council"))
            .ExitCode.ShouldBe(0);

        var lodged = await CliRun.RunAsync("dd", "lodge", "--db", _f.Db, "--date", "2026-11-24", "--out", out1);
        var content = await File.ReadAllTextAsync(out1);
        var again = await CliRun.RunAsync("dd", "lodge", "--db", _f.Db, "--date", "2026-11-24", "--out", out1);

        refused.ExitCode.ShouldBe(2);
        refused.Stderr.ShouldContain("reeve dd originator");
        lodged.ExitCode.ShouldBe(0, lodged.Stderr);
        lodged.Stdout.ShouldContain("1 new (0N)");
        content.ShouldContain("0N");
        content.ShouldContain("CT" + _f.Account.Reference.Value);
        again.Stdout.ShouldContain("No instruction is waiting. Wrote lodgement 1");
        (await File.ReadAllTextAsync(out1)).ShouldBe(content);
    }

    [Fact]
    public async Task Collecting_on_a_weekend_is_refused_naming_the_processing_day()
    {
        (await CliRun.RunAsync("dd", "originator", "--db", _f.Db, "--sun", "424242", "--sort-code", "107999", "--account-number", "88837491", "--name", "Test Council"))
            .ExitCode.ShouldBe(0);

        var run = await CliRun.RunAsync("dd", "collect", "--db", _f.Db, "--processing-date", "2026-11-28", "--out", _f.Write("dd.txt", ""));
        var nothing = await CliRun.RunAsync("dd", "collect", "--db", _f.Db, "--processing-date", "2026-11-30", "--out", _f.Write("dd2.txt", ""));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("processingDate: 2026-11-28 is not a Bacs processing day");
        nothing.ExitCode.ShouldBe(0, nothing.Stderr);
        nothing.Stdout.ShouldContain("Nothing is due for processing on 2026-11-30");
    }

    [Fact]
    public async Task A_report_that_is_not_a_bacs_report_is_refused()
    {
        var run = await CliRun.RunAsync("dd", "import", "--db", _f.Db, _f.Write("other.xml", "<hello/>"));

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("not an ARUDD, ADDACS or AUDDIS report");
    }
}
