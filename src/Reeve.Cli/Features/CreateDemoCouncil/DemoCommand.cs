using System.CommandLine;
using System.Diagnostics;
using NodaTime;
using Reeve.DemoCouncil;
using Reeve.Kernel;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.CreateDemoCouncil;

/// <summary>
/// `reeve demo`: migrates and fills an empty database with a fictional council to try Reeve on, then prints
/// how to sign in. It never adds to a database that already has a council.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliHost host)
    {
        var dwellings = CliOptions.WholeNumber("--dwellings", "How many dwellings the council has", DemoOptions.DefaultDwellings, minimum: 1, maximum: 2_000_000);
        var seed = CliOptions.WholeNumber("--seed", "The seed: the same seed and date make the same council", DemoOptions.DefaultSeed, minimum: 0);
        var asAt = CliOptions.Date("--as-at", "The demo's today (default: today in the UK)");
        var command = new Command("demo", "Create a demo council, with people, accounts and three years of history, on an empty database")
        {
            dwellings, seed, asAt,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new DemoOptions(parsed.GetValue(dwellings), parsed.GetValue(seed), parsed.GetValue(asAt) ?? UkTime.Today(host.Clock));
            using var db = CliOptions.OpenDatabase(parsed, host);
            return await RunAsync(host, db, options, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, DemoOptions options, CancellationToken ct)
    {
        var console = host.Out;
        var migrated = await MigrationRunner.MigrateAsync(db, ct);
        if (migrated.Applied.Count > 0)
        {
            console.MarkupLine($"Applied {migrated.Applied.Count} migration(s) to {Markup.Escape(db.Describe())}.");
        }

        if (!await DemoCouncilBuilder.IsEmptyAsync(db, ct))
        {
            await host.Stderr.WriteLineAsync(
                $"reeve demo: {db.Describe()} already has a council, so no demo was created. Use a new database: --db <new file>, or delete this one.");
            return ReeveCli.Refused;
        }

        console.MarkupLine(
            $"Creating a demo council of {options.Dwellings:N0} dwellings (seed {options.Seed}, as at {DateText.Iso.Format(options.AsAt)}) in {Markup.Escape(db.Describe())}");
        var started = Stopwatch.GetTimestamp();
        var result = await ProgressBars.RunAsync(console, bars =>
            DemoCouncilBuilder.CreateAsync(db, options, host.Clock, bars.For<DemoProgress>(p => (p.Stage, p.Done, p.Total)), ct));

        console.MarkupLine($"Done in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s.");
        console.Write(Counts(result));
        console.Write(Officers(result));
        console.MarkupLine("Start the web app against the same database and sign in as one of the officers above.");
        return ReeveCli.Ok;
    }

    private static Table Counts(DemoResult result) =>
        new Table().Title("Created").AddColumns("What", "How many")
            .AddRow("Councils", $"{result.Councils:N0}")
            .AddRow("Dwellings", $"{result.Dwellings:N0}")
            .AddRow("People", $"{result.People:N0}")
            .AddRow("Accounts", $"{result.Accounts:N0}")
            .AddRow("Ledger entries", $"{result.LedgerEntries:N0}");

    private static Table Officers(DemoResult result)
    {
        var table = new Table().Title("Officers' sign-in details").AddColumns("Username", "Password", "Role", "Name");
        foreach (var officer in result.Officers)
        {
            table.AddRow(Markup.Escape(officer.Username), Markup.Escape(officer.Password), Markup.Escape(officer.Role), Markup.Escape(officer.DisplayName));
        }

        return table;
    }
}
