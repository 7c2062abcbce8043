using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Cli.Tests.Features.Calculate;

public class CalcCommandTests
{
    // shared/contracts.md: invalid input is exit code 2 and {"error": {"field", "message"}} on stdout.
    [Fact]
    public async Task Unknown_kind_exits_2_with_the_error_json_naming_the_kind()
    {
        var run = await CliRun.RunWithInputAsync("{}", "calc", "no-such-calculator");

        run.ExitCode.ShouldBe(2);
        var error = JsonNode.Parse(run.Stdout)!["error"]!;
        error["field"]!.GetValue<string>().ShouldBe("kind");
        error["message"]!.GetValue<string>().ShouldContain("no-such-calculator");
    }

    [Fact]
    public async Task Input_that_is_not_json_exits_2_with_the_error_json()
    {
        var kind = CalculatorCatalogue.Create().Kinds.FirstOrDefault() ?? "council-tax";

        var run = await CliRun.RunWithInputAsync("this is not json", "calc", kind);

        run.ExitCode.ShouldBe(2);
        var error = JsonNode.Parse(run.Stdout)!["error"]!;
        error["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        if (CalculatorCatalogue.Create().Has(kind))
        {
            error["field"]!.GetValue<string>().ShouldBe("$");
        }
    }

    [Fact]
    public async Task Program_entry_point_takes_plain_streams()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ReeveCli.RunAsync(["calc", "no-such-calculator"], new StringReader("{}"), stdout, stderr);

        exit.ShouldBe(2);
        JsonNode.Parse(stdout.ToString())!["error"].ShouldNotBeNull();
    }
}
