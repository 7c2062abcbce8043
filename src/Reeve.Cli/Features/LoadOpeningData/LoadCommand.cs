using System.CommandLine;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.LoadOpeningData;

/// <summary>
/// `reeve load validate DIR` and `reeve load commit DIR`: the opening data load from an incumbent system, from a folder
/// of CSV files (or one zip). Layouts: docs/domain/opening-load.md; runbook: docs/runbooks/opening-load.md.
/// </summary>
internal static class LoadCommand
{
    // Who the audit columns name for a load made from the command line.
    private const string Officer = "reeve load";

    public static Command Create(CliHost host) => new("load", "The opening data load from the council's incumbent system")
    {
        Sub(host, "validate", "Check every file, line and reference and print every problem; writes nothing", commit: false),
        Sub(host, "commit", "Check the files and, if there is no problem, load them all in one transaction", commit: true),
    };

    private static Command Sub(CliHost host, string name, string description, bool commit)
    {
        var dir = new Argument<string>("DIR") { Description = "The folder holding the load's CSV files, or a zip of them" };
        var council = CliOptions.WholeNumber("--council", "The council's number (needed when the database holds more than one)", 0, minimum: 1);
        var asAt = CliOptions.Date("--as-at", "The go-live day the balances are brought forward on (default: today in the UK)");
        var command = new Command(name, description) { dir, council, asAt };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var given = parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : (int?)null;
            return await RunAsync(host, db, parsed.GetValue(dir)!, given, parsed.GetValue(asAt) ?? UkTime.Today(host.Clock), commit, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, string path, int? councilGiven, NodaTime.LocalDate asAt, bool commit, CancellationToken ct)
    {
        var verb = commit ? "commit" : "validate";
        Dictionary<string, byte[]> files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path).ToDictionary(f => Path.GetFileName(f).ToLowerInvariant(), File.ReadAllBytes, StringComparer.Ordinal);
        }
        else if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var (zipped, problem) = OpeningLoadFiles.FromZip(Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct));
            if (problem is not null)
            {
                return await RefuseAsync(host, verb, problem.ToString());
            }

            files = zipped!;
        }
        else
        {
            return await RefuseAsync(host, verb, $"DIR: there is no folder or zip at {path}");
        }

        var chosen = await CouncilChoice.ChooseAsync(db, councilGiven, ct);
        if (chosen.Problem is { } councilProblem)
        {
            return await RefuseAsync(host, verb, councilProblem);
        }

        var council = chosen.Id!.Value;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = commit
            ? await CouncilTax.LoadOpeningData.CommitAsync(connection, tx, council, files, asAt, Officer, host.Clock.GetCurrentInstant(), ct)
            : await CouncilTax.LoadOpeningData.ValidateAsync(connection, tx, council, files, asAt, ct);
        switch (result)
        {
            case CouncilTax.LoadOpeningData.Result.Refused refused:
                await tx.RollbackAsync(ct);
                await host.Stderr.WriteLineAsync($"reeve load {verb}: the load was refused and nothing was written. {refused.Problems.Count} problem{(refused.Problems.Count == 1 ? "" : "s")}:");
                foreach (var p in refused.Problems)
                {
                    await host.Stderr.WriteLineAsync(p.ToString());
                }

                return ReeveCli.Refused;
            case CouncilTax.LoadOpeningData.Result.AlreadyLoaded already:
                await tx.RollbackAsync(ct);
                host.Out.MarkupLine(Markup.Escape($"These files were loaded before: load {already.LoadId}, by {already.LoadedBy} on {UkTime.Describe(already.LoadedAt)}. Nothing was written this time."));
                return ReeveCli.Ok;
            case CouncilTax.LoadOpeningData.Result.Valid valid:
                await tx.RollbackAsync(ct);
                host.Out.MarkupLine("The files are ready to load: no problems found. Nothing has been written.");
                Show(host.Out, valid.Summary);
                return ReeveCli.Ok;
            case CouncilTax.LoadOpeningData.Result.Loaded loaded:
                await tx.CommitAsync(ct);
                host.Out.MarkupLine(Markup.Escape($"Loaded as load {loaded.LoadId}."));
                Show(host.Out, loaded.Summary);
                return ReeveCli.Ok;
            default:
                throw new InvalidOperationException($"Unexpected result {result}");
        }
    }

    private static void Show(IAnsiConsole console, CouncilTax.LoadOpeningData.Summary s)
    {
        console.MarkupLine(Markup.Escape($"From {s.SourceSystem}; set SHA-256 {s.SetSha256}."));
        var table = new Table().AddColumns("What", "New", "Already on file");
        table.AddRow("Properties", $"{s.Properties:N0}", $"{s.PropertiesOnFile:N0}")
            .AddRow("People and organisations", $"{s.People:N0}", $"{s.PeopleLoadedBefore:N0}")
            .AddRow("Accounts", $"{s.Accounts:N0}", $"{s.AccountsLoadedBefore:N0}")
            .AddRow("Liabilities", $"{s.Liabilities:N0}", "")
            .AddRow("Discounts and exemptions", $"{s.Awards:N0}", "")
            .AddRow("Instalment plans", $"{s.Plans:N0}", "")
            .AddRow("Balances brought forward", $"{s.Balances:N0}", "");
        console.Write(table);
        var years = new Table().Title("Control totals by year (the balances add up to these)").AddColumns("Year", "Balance");
        foreach (var (year, total) in s.BalancesByYear)
        {
            years.AddRow(year.ToString(), Markup.Escape(total.ToDisplayString()));
        }

        console.Write(years);
    }

    private static async Task<int> RefuseAsync(CliHost host, string verb, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve load {verb}: {message}");
        return ReeveCli.Refused;
    }
}
