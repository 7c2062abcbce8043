using System.CommandLine;
using System.Text.Json;
using Reeve.Calculators;

namespace Reeve.Cli.Features.Calculate;

/// <summary>
/// `reeve calc &lt;kind&gt;`: one JSON case on stdin, one JSON result on stdout (shared/contracts.md). Refused
/// input is exit code 2 with {"error": {"field", "message"}} on stdout. No database is touched.
/// </summary>
internal static class CalcCommand
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Readable apostrophes and pound signs; the output is a file or a terminal, never HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliHost host)
    {
        var kind = new Argument<string>("kind") { Description = "Which calculator: council-tax, business-rates, instalments, ..." };
        var command = new Command("calc", "Run a statutory calculation: one JSON case on stdin, the result as JSON on stdout") { kind };
        command.SetAction(async (parsed, ct) =>
        {
            var input = await host.Stdin.ReadToEndAsync(ct);
            var (ok, json) = CalculatorCatalogue.Create().Run(parsed.GetValue(kind)!, input);
            await host.Stdout.WriteLineAsync(json.ToJsonString(Indented));
            return ok ? ReeveCli.Ok : ReeveCli.Refused;
        });
        return command;
    }
}
