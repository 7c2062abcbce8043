using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.Rates;

public sealed class RatesCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("reeve.db");

    private async Task CouncilAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, new CouncilId(1), "test", Instant.FromUtc(2025, 4, 1, 9, 0));
    }

    // A list entries record: 28 asterisk-separated fields and a trailing asterisk (shared/formats.md 6.1).
    private static string Line(int n, string baReference, string rv, string effective = "01-APR-2023", string baCode = "0435") =>
        $"{n}*{baCode}**{baReference}*CS*SHOP AND PREMISES*{1000 + n}*{n}, HIGH STREET, WEALDMOOR*  *{n}*HIGH STREET*WEALDMOOR***WD1 1AA*{effective}**{rv}**{5000 + n}*{effective}*249S*******";

    private string ListFile(params string[] lines)
    {
        var path = _folder.File($"list-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        return path;
    }

    private async Task<long> CountAsync(string table)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    [Fact]
    public async Task A_list_is_imported_with_a_report_and_the_same_file_again_changes_nothing()
    {
        await CouncilAsync();
        (await CliRun.RunAsync("rates", "set-authority-code", "0435", "--db", Db)).ExitCode.ShouldBe(0);
        await CliRun.RunAsync("rates", "import-list", ListFile(Line(1, "A1", "13500"), Line(2, "B2", "60000")), "--db", Db);
        var file = ListFile(Line(1, "A1", "13500"), Line(2, "B2", "52000", effective: "01-OCT-2024"), Line(3, "C3", "9000"));

        var first = await CliRun.RunAsync("rates", "import-list", file, "--db", Db);
        var again = await CliRun.RunAsync("rates", "import-list", file, "--db", Db);

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("1 new hereditaments, 1 rateable value changes, 1 unchanged");
        first.Stdout.ShouldContain("C3");
        first.Stdout.ShouldContain("2024-10-01");
        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldContain("already imported");
        (await CountAsync("hereditament")).ShouldBe(3);
        (await CountAsync("rateable_value")).ShouldBe(4);
    }

    [Fact]
    public async Task A_file_for_another_billing_authority_is_refused_naming_the_record_and_field_and_nothing_changes()
    {
        await CouncilAsync();
        await CliRun.RunAsync("rates", "set-authority-code", "0435", "--db", Db);

        var result = await CliRun.RunAsync("rates", "import-list", ListFile(Line(1, "A1", "13500"), Line(2, "B2", "500", baCode: "5210"), Line(3, "C3", "-5")), "--db", Db);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldContain("record 2, field billing authority code: '5210' is not this council's billing authority code (0435)");
        result.Stderr.ShouldContain("record 3, field rateable value: -5 is negative");
        (await CountAsync("hereditament")).ShouldBe(0);
    }
}

public sealed class RatesCalcCommandTests
{
    [Fact]
    public async Task Reeve_calc_business_rates_reads_a_case_on_stdin_and_refuses_bad_input_with_exit_code_2()
    {
        // shared/contracts.md example: 2024, RV 13,500, small business and RHL relief: 842.06.
        const string input = """{"financialYear":2024,"rateableValue":"13500","from":"2024-04-01","to":"2025-03-31","occupied":true,"retailHospitalityLeisure":true,"charity":false,"smallBusinessRateRelief":true,"emptySince":null,"industrial":false}""";

        var ok = await CliRun.RunWithInputAsync(input, "calc", "business-rates");
        var bad = await CliRun.RunWithInputAsync(input.Replace("\"13500\"", "\"-1\"", StringComparison.Ordinal), "calc", "business-rates");

        ok.ExitCode.ShouldBe(0, ok.Stdout);
        ok.Stdout.ShouldContain("\"netRates\": \"842.06\"");
        bad.ExitCode.ShouldBe(2);
        bad.Stdout.ShouldContain("\"field\": \"rateableValue\"");
    }
}
