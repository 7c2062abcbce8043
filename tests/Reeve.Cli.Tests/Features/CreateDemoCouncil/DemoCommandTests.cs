namespace Reeve.Cli.Tests.Features.CreateDemoCouncil;

public class DemoCommandTests
{
    [Theory]
    [InlineData("--as-at", "2026-02-30")]
    [InlineData("--as-at", "30/01/2026")]
    [InlineData("--dwellings", "-5")]
    [InlineData("--dwellings", "many")]
    [InlineData("--no-such-option", "1")]
    public async Task Malformed_arguments_exit_2_name_the_option_and_create_nothing(string option, string value)
    {
        using var folder = new TempFolder();
        var db = folder.File("demo.db");

        var run = await CliRun.RunAsync("demo", "--db", db, option, value);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(option);
        run.Stdout.ShouldBeEmpty();
        File.Exists(db).ShouldBeFalse();
    }

    [Fact]
    public async Task Demo_creates_a_council_with_officers_and_refuses_a_second_time()
    {
        using var folder = new TempFolder();
        var db = folder.File("demo.db");

        var first = await CliRun.RunAsync("demo", "--db", db, "--dwellings", "100", "--as-at", "2026-01-15");
        var second = await CliRun.RunAsync("demo", "--db", db, "--dwellings", "100");

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("Officers' sign-in details");
        first.Stdout.ShouldContain("Dwellings");
        second.ExitCode.ShouldBe(2);
        second.Stderr.ShouldContain("already has a council");
    }
}
