using Dapper;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class MigrationRunnerOnSqlite() : MigrationRunnerTests(new SqliteEngine());

public sealed class MigrationRunnerOnPostgres() : MigrationRunnerTests(new PostgresEngine());

public abstract class MigrationRunnerTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected override bool StartMigrated => false;

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_applies_nothing()
    {
        var shipped = MigrationRunner.For(Engine.Provider);
        shipped.ShouldNotBeEmpty();

        var first = await MigrationRunner.MigrateAsync(Db);
        var second = await MigrationRunner.MigrateAsync(Db);

        first.Applied.ShouldBe(shipped.Select(m => m.Name).ToList());
        first.AlreadyApplied.ShouldBe(0);
        second.Applied.ShouldBeEmpty();
        second.AlreadyApplied.ShouldBe(shipped.Count);
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused_and_nothing_after_it_runs()
    {
        // An applied migration is history: a change needs a new file, never an edit.
        await MigrationRunner.MigrateAsync(Db);
        var shipped = MigrationRunner.For(Engine.Provider);
        var edited = shipped[0] with { Sql = shipped[0].Sql + "\n-- edited after release\n" };
        edited = edited with { Checksum = MigrationRunner.Checksum(edited.Sql) };
        var later = new MigrationRunner.Migration("9999_later.sql", "create table later_table (id integer)", MigrationRunner.Checksum("create table later_table (id integer)"));

        var thrown = await Should.ThrowAsync<InvalidOperationException>(
            () => MigrationRunner.MigrateAsync(Db, [edited, .. shipped.Skip(1), later]));

        thrown.Message.ShouldContain(shipped[0].Name);
        thrown.Message.ShouldContain("has changed since it was applied");
        (await AppliedNamesAsync()).ShouldBe(shipped.Select(m => m.Name).ToList());
    }

    [Fact]
    public async Task A_new_migration_is_applied_once_after_those_already_applied()
    {
        await MigrationRunner.MigrateAsync(Db);
        var shipped = MigrationRunner.For(Engine.Provider);
        const string sql = "create table extra_table (id integer primary key)";
        var extra = new MigrationRunner.Migration("9999_extra.sql", sql, MigrationRunner.Checksum(sql));

        var result = await MigrationRunner.MigrateAsync(Db, [.. shipped, extra]);

        result.Applied.ShouldBe(["9999_extra.sql"]);
        result.AlreadyApplied.ShouldBe(shipped.Count);
        (await AppliedNamesAsync()).ShouldContain("9999_extra.sql");
    }

    [Fact]
    public async Task A_migration_that_fails_part_way_leaves_no_trace()
    {
        // Each file runs in its own transaction, so a failed one can be fixed and run again.
        await MigrationRunner.MigrateAsync(Db);
        const string sql = "create table half_done (id integer); insert into no_such_table values (1);";
        var broken = new MigrationRunner.Migration("9999_broken.sql", sql, MigrationRunner.Checksum(sql));

        await Should.ThrowAsync<Exception>(() => MigrationRunner.MigrateAsync(Db, [.. MigrationRunner.For(Engine.Provider), broken]));

        (await AppliedNamesAsync()).ShouldNotContain("9999_broken.sql");
        await using var connection = await Db.OpenAsync();
        await Should.ThrowAsync<Exception>(() => connection.ExecuteAsync("select count(*) from half_done"));
    }

    private async Task<List<string>> AppliedNamesAsync()
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.QueryAsync<string>("select name from schema_migration order by name")).ToList();
    }
}
