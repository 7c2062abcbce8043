using System.CommandLine;
using Reeve.Payments.Features.FuzzParsers;
using Spectre.Console;

namespace Reeve.Cli.Features.FuzzParsers;

/// <summary>
/// `reeve fuzz PARSER --minutes N [--from FILE] [--seed S]`: the long run of the parser fuzzing the test suite
/// does briefly. Prints how many cases ran; on a failure prints the seed, the case and the input, and exits 1.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create(CliHost host)
    {
        var parser = new Argument<string>("parser") { Description = $"One of: {string.Join(", ", ParserFuzzer.Parsers.Keys)}" };
        parser.AcceptOnlyFromAmong([.. ParserFuzzer.Parsers.Keys]);
        var minutes = CliOptions.WholeNumber("--minutes", "How long to run", 1, minimum: 1, maximum: 24 * 60);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the mutations (a failure prints it)", 1, minimum: 0);
        var from = new Option<string[]>("--from") { Description = "Valid sample files to mutate (default: a small built-in sample)", HelpName = "file", AllowMultipleArgumentsPerToken = true };
        var command = new Command("fuzz", "Fuzz a file parser with mutated input for a while") { parser, minutes, seed, from };
        command.SetAction(async (parsed, ct) =>
        {
            var name = parsed.GetValue(parser)!;
            var files = parsed.GetValue(from) ?? [];
            var missing = files.FirstOrDefault(f => !File.Exists(f));
            if (missing is not null)
            {
                await host.Stderr.WriteLineAsync($"reeve fuzz: --from: there is no file at {missing}");
                return ReeveCli.Refused;
            }

            IReadOnlyList<string> samples = files.Length > 0 ? files.Select(File.ReadAllText).ToList() : [ParserFuzzer.Samples[name]];
            var run = await Task.Run(() => ParserFuzzer.Fuzz(name, samples, parsed.GetValue(seed), long.MaxValue, TimeSpan.FromMinutes(parsed.GetValue(minutes))), ct);
            host.Out.MarkupLine(Markup.Escape($"{name}: {run.Cases:N0} cases in {run.Elapsed.TotalSeconds:N0} s, {run.Refused:N0} refused with a location, the rest read."));
            if (run.Failure is { } f)
            {
                host.Out.MarkupLine(Markup.Escape($"FAILED at case {f.Case} with seed {f.Seed}: {f.Problem}"));
                host.Out.WriteLine(f.Input);
                return ReeveCli.Failed;
            }

            host.Out.MarkupLine("No input made the parser throw.");
            return ReeveCli.Ok;
        });
        return command;
    }
}
