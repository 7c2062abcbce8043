namespace Reeve.Cli.Tests.Features.MigrateDatabase;

public class MigrateCommandTests
{
    [Fact]
    public async Task Migrating_twice_applies_the_migrations_once()
    {
        using var folder = new TempFolder();
        var db = folder.File("reeve.db");

        var first = await CliRun.RunAsync("db", "migrate", "--db", db);
        var second = await CliRun.RunAsync("db", "migrate", "--db", db);

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("Applied 0001_foundation.sql");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldNotContain("Applied ");
        second.Stdout.ShouldContain("up to date");
    }
}
