using System.Text;
using Dapper;
using Reeve.BusinessRates.Domain;
using Reeve.TestKit;
using static Reeve.BusinessRates.Tests.VoaLines;

namespace Reeve.BusinessRates.Tests.Features.ImportListEntries;

public abstract class ImportListEntriesTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private async Task SetCodeAsync(string code = "0435") =>
        (await InTransactionAsync((c, tx) => BillingAuthorityCode.SetAsync(c, tx, Council, code, "test", Now))).ShouldBeOfType<Outcome<string>.Done>();

    private Task<BusinessRates.ImportListEntries.Result> ImportAsync(string text, string name = "list.csv") =>
        BusinessRates.ImportListEntries.ImportAsync(Db, new(Council, name, Encoding.ASCII.GetBytes(text), "test"), Now);

    private Task<(long Hereditaments, long Values, long Imports)> CountsAsync() => ReadAsync(async c => (
        await c.ExecuteScalarAsync<long>("select count(*) from hereditament"),
        await c.ExecuteScalarAsync<long>("select count(*) from rateable_value"),
        await c.ExecuteScalarAsync<long>("select count(*) from rates_list_import")));

    private Task<List<(long Rv, string From, string? To)>> ValuesAsync(string baReference) => ReadAsync(async c =>
        (await c.QueryAsync<(long, string, string?)>(
            "select v.rv_pounds, " + (Engine.Provider == Persistence.DatabaseProvider.Postgres ? "v.effective_from::text, v.effective_to::text" : "v.effective_from, v.effective_to") +
            " from rateable_value v join hereditament h on h.council_id = v.council_id and h.hereditament_id = v.hereditament_id where h.ba_reference = @baReference order by v.effective_from",
            new { baReference })).ToList());

    [Fact]
    public async Task A_new_file_lists_each_hereditament_with_its_rateable_value_and_reports_them()
    {
        await SetCodeAsync();

        var result = await ImportAsync(File(Line(1, "A1", "13500"), Line(2, "B2", "60000", baCode: "435", effective: "01-APR-2026")));

        var report = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Imported>().Report;
        report.NewHereditaments.Select(e => e.BaReference).ShouldBe(["A1", "B2"]);
        report.Alterations.ShouldBeEmpty();
        (await ValuesAsync("A1")).ShouldBe([(13500L, "2023-04-01", (string?)null)]);
        (await ValuesAsync("B2")).ShouldBe([(60000L, "2026-04-01", (string?)null)]);
        (await CountsAsync()).ShouldBe((2L, 2L, 1L));
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing()
    {
        await SetCodeAsync();
        var file = File(Line(1, "A1", "13500"), Line(2, "B2", "60000"));
        var first = (BusinessRates.ImportListEntries.Result.Imported)await ImportAsync(file);

        var again = await ImportAsync(file, "renamed.csv");

        again.ShouldBeOfType<BusinessRates.ImportListEntries.Result.AlreadyImported>().ImportId.ShouldBe(first.Report.ImportId);
        (await CountsAsync()).ShouldBe((2L, 2L, 1L));
    }

    [Fact]
    public async Task A_later_file_reports_a_new_value_from_its_effective_date_and_ends_the_old_one_the_day_before()
    {
        await SetCodeAsync();
        await ImportAsync(File(Line(1, "A1", "13500"), Line(2, "B2", "60000")));

        // A re-issued list: A1 unchanged (in a new record order), B2 reduced from 1 October 2024, C3 new.
        var result = await ImportAsync(File(Line(1, "C3", "9000"), Line(2, "B2", "52000", effective: "01-OCT-2024"), Line(3, "A1", "13500")));

        var report = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Imported>().Report;
        report.NewHereditaments.Select(e => e.BaReference).ShouldBe(["C3"]);
        report.Alterations.Select(c => (c.BaReference, c.Previous, c.RateableValuePounds, c.From.ToString("yyyy-MM-dd", null))).ShouldBe([("B2", (long?)60000, 52000L, "2024-10-01")]);
        report.Unchanged.ShouldBe(1);
        (await ValuesAsync("B2")).ShouldBe([(60000L, "2023-04-01", "2024-09-30"), (52000L, "2024-10-01", (string?)null)]);
        (await CountsAsync()).ShouldBe((3L, 4L, 2L));
    }

    [Fact]
    public async Task An_unknown_billing_authority_code_is_refused_naming_the_record_and_nothing_changes()
    {
        await SetCodeAsync();

        var result = await ImportAsync(File(Line(1, "A1", "13500"), Line(2, "B2", "60000", baCode: "5210")));

        var problem = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Refused>().Problems.ShouldHaveSingleItem();
        problem.ToString().ShouldBe("record 2, field billing authority code: '5210' is not this council's billing authority code (0435)");
        (await CountsAsync()).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public async Task A_council_without_a_billing_authority_code_accepts_no_file()
    {
        var result = await ImportAsync(File(Line(1, "A1", "13500")));

        var problem = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Refused>().Problems.ShouldHaveSingleItem();
        (problem.Record, problem.Field).ShouldBe((1, ListEntriesFile.BillingAuthorityCode));
        (await CountsAsync()).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public async Task A_negative_rateable_value_is_refused_and_nothing_changes()
    {
        await SetCodeAsync();

        var result = await ImportAsync(File(Line(1, "A1", "13500"), Line(2, "B2", "-60000")));

        var problem = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Refused>().Problems.ShouldHaveSingleItem();
        (problem.Record, problem.Field).ShouldBe((2, ListEntriesFile.RateableValue));
        (await CountsAsync()).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public async Task A_malformed_record_is_refused_and_nothing_changes()
    {
        await SetCodeAsync();

        var result = await ImportAsync(File(Line(1, "A1", "13500"), "2*0435**B2*CS*SHOP*1*ADDRESS*", Line(3, "C3", "9000")));

        var problem = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Refused>().Problems.ShouldHaveSingleItem();
        (problem.Record, problem.Field).ShouldBe((2, "(record)"));
        (await CountsAsync()).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public async Task A_value_altered_back_in_time_is_refused_and_nothing_changes()
    {
        await SetCodeAsync();
        await ImportAsync(File(Line(1, "A1", "13500", effective: "01-APR-2024")));

        var result = await ImportAsync(File(Line(1, "A1", "12000", effective: "01-APR-2023"), Line(2, "B2", "9000")));

        var problem = result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Refused>().Problems.ShouldHaveSingleItem();
        (problem.Record, problem.Field).ShouldBe((1, ListEntriesFile.EffectiveDate));
        (await CountsAsync()).ShouldBe((1L, 1L, 1L));
    }

    [Fact]
    public async Task A_billing_authority_code_must_be_one_to_four_letters_or_digits()
    {
        var outcome = await InTransactionAsync((c, tx) => BillingAuthorityCode.SetAsync(c, tx, Council, "04-35", "test", Now));

        outcome.ShouldBeOfType<Outcome<string>.Invalid>().Field.ShouldBe("code");
    }
}

public sealed class ImportListEntriesOnSqlite() : ImportListEntriesTests(new SqliteEngine());

public sealed class ImportListEntriesOnPostgres() : ImportListEntriesTests(new PostgresEngine());
