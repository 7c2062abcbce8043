using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reeve.Bench;
using Reeve.Kernel;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.Benchmark;

/// <summary>
/// `reeve bench ledger`: times posting through Reeve against raw writes of the same rows, and balance reads
/// against a bare round trip, in a scratch database (bench/Reeve.Bench/LedgerScenario.cs). It is a
/// measurement: the exit code is 0 whatever the figures, and non-zero only if it could not measure.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("bench", "Measure Reeve against a baseline on this machine's database");
        command.Subcommands.Add(Ledger(host));
        command.Subcommands.Add(RaiseAnnualBills.AnnualBillingBenchCommand.Create(host));
        command.Subcommands.Add(ViewPerson.PersonPageBenchCommand.Create(host));
        command.Subcommands.Add(Home.HomePageBenchCommand.Create(host));
        command.Subcommands.Add(DirectDebitBenchCommand.Create(host));
        command.Subcommands.Add(ImportPayments.PaymentsBenchCommand.Create(host));
        command.Subcommands.Add(PrintLetters.BillsBenchCommand.Create(host));
        command.Subcommands.Add(RunRecovery.RecoveryBenchCommand.Create(host));
        command.Subcommands.Add(ImportInvoices.InvoicesBenchCommand.Create(host));
        return command;
    }

    private static Command Ledger(CliHost host)
    {
        var entries = CliOptions.WholeNumber("--entries", "How many ledger entries to post", LedgerBenchOptions.DefaultEntries, minimum: 1);
        var accounts = CliOptions.WholeNumber("--accounts", "How many accounts they are spread over", LedgerBenchOptions.DefaultAccounts, minimum: 1, maximum: 9_999_999);
        var reads = CliOptions.WholeNumber("--reads", "How many balances to read", LedgerBenchOptions.DefaultReads, minimum: 1);
        var batch = CliOptions.WholeNumber("--batch-size", "Entries posted per transaction", LedgerBenchOptions.DefaultBatchSize, minimum: 1);
        var seed = CliOptions.WholeNumber("--seed", "Seed for the entries and the accounts read", LedgerBenchOptions.DefaultSeed, minimum: 0);
        var json = JsonOption();
        var keep = KeepOption();
        var entryKeys = new Option<bool>("--entry-keys") { Description = "Post each entry under its own idempotency key (as payment lines are) instead of each batch under one" };
        var command = new Command("ledger",
            "Post entries through Reeve, and raw into tables with the ledger's own keys and into bare tables with only a primary key, then read balances. " +
            WhereItRuns)
        {
            entries, accounts, reads, batch, seed, entryKeys, json, keep,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new LedgerBenchOptions(parsed.GetValue(entries), parsed.GetValue(accounts), parsed.GetValue(reads), parsed.GetValue(batch), parsed.GetValue(seed), parsed.GetValue(entryKeys));
            return await RunScenarioAsync(host, parsed, "ledger", parsed.GetValue(json), parsed.GetValue(keep),
                scratch => $"Ledger benchmark: {options.Entries:N0} entries over {options.Accounts:N0} accounts in {Markup.Escape(scratch.Description)}",
                (scratch, progress) => LedgerScenario.RunAsync(scratch, options, host.Clock, progress, ct), ToJson, ToTable, ct);
        });
        return command;
    }

    /// <summary>
    /// Runs one scenario in a scratch database: a heading, progress bars (on stderr when stdout carries JSON),
    /// then the figures as JSON or as a table; exit 2 naming --db if the scratch database cannot be made.
    /// </summary>
    internal static async Task<int> RunScenarioAsync<T>(
        CliHost host, ParseResult parsed, string name, bool asJson, bool keep, Func<ScratchDatabase, string> heading,
        Func<ScratchDatabase, IProgress<BenchProgress>, Task<T>> run, Func<T, JsonObject> toJson, Func<T, Table> toTable, CancellationToken ct)
    {
        var opened = await ScratchDatabase.CreateAsync(Setting(parsed, host), ct);
        switch (opened)
        {
            case Outcome<ScratchDatabase>.Done { Value: var scratch }:
                await using (scratch)
                {
                    scratch.Keep = keep;
                    var console = asJson ? host.Err : host.Out;
                    console.MarkupLine(heading(scratch));
                    var figures = await ProgressBars.RunAsync(console, bars => run(scratch, bars.For<BenchProgress>(p => (p.Stage, p.Done, p.Total))));
                    if (asJson)
                    {
                        await host.Stdout.WriteLineAsync(toJson(figures).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                    }
                    else
                    {
                        host.Out.Write(toTable(figures));
                    }

                    if (scratch.Keep)
                    {
                        console.MarkupLine($"Kept {Markup.Escape(scratch.Description)}.");
                    }
                }

                return ReeveCli.Ok;
            case Outcome<ScratchDatabase>.Invalid invalid:
                await host.Stderr.WriteLineAsync($"reeve bench {name}: {invalid.Field}: {invalid.Message}");
                return ReeveCli.Refused;
            default:
                throw new InvalidOperationException($"Unexpected outcome {opened}");
        }
    }

    // Never the officers' everyday SQLite file: only an explicit --db, or a PostgreSQL REEVE_DB (where the
    // benchmark works in a schema of its own and drops it).
    private static string? Setting(ParseResult parsed, CliHost host)
    {
        if (parsed.GetValue<string?>(CliOptions.DatabaseOption) is { Length: > 0 } given)
        {
            return given;
        }

        var fromEnvironment = host.Environment(CliOptions.DatabaseVariable);
        if (fromEnvironment is { Length: > 0 })
        {
            using var db = ReeveDatabase.FromSetting(fromEnvironment);
            return db.IsPostgres ? fromEnvironment : null;
        }

        return null;
    }

    private static Table ToTable(LedgerFigures f)
    {
        var table = new Table()
            .Title($"Ledger, {f.Provider}: {f.Options.Entries:N0} entries, {f.Options.Accounts:N0} accounts, batches of {f.Options.BatchSize:N0}, " +
                (f.Options.EntryKeys ? "a key per entry" : "a key per batch"))
            .AddColumns("Figure", "Reeve", "Baseline", "Ratio", "Target", "Result");
        table.AddRow(
            "Post entries",
            $"{f.PostReeve.TotalSeconds:N2} s ({PerSecond(f.Options.Entries, f.PostReeve)}/s)",
            $"{f.PostPhysical.TotalSeconds:N2} s ({PerSecond(f.Options.Entries, f.PostPhysical)}/s, {f.BaselineMethod}, bare tables)",
            $"{f.PostingRatio:N2}x",
            $"<= {LedgerFigures.PostingRatioTarget:N1}x",
            Verdict(f.PostingPasses));
        table.AddRow(
            "Post entries, same tables",
            "",
            $"{f.PostBaseline.TotalSeconds:N2} s ({PerSecond(f.Options.Entries, f.PostBaseline)}/s, {f.BaselineMethod}, the ledger's tables)",
            $"{f.SameTableRatio:N2}x",
            "",
            "");
        table.AddRow(
            "Balance read, mean",
            Ms(f.BalanceRead.MeanMs),
            $"{Ms(f.SelectOne.MeanMs)} (select 1)",
            $"{f.BalanceReadRatio:N2}x",
            "",
            "");
        table.AddRow("Balance read, p50", Ms(f.BalanceRead.P50Ms), Ms(f.SelectOne.P50Ms), $"{f.BalanceRead.P50Ms / f.SelectOne.P50Ms:N2}x", "", "");
        table.AddRow(
            "Balance read, p99",
            Ms(f.BalanceRead.P99Ms),
            Ms(f.SelectOne.P99Ms),
            $"{f.BalanceRead.P99Ms / f.SelectOne.P99Ms:N2}x",
            $"< {LedgerFigures.BalanceReadTargetMs:N0} ms",
            Verdict(f.BalanceReadPasses));
        table.AddRow("Create accounts", $"{f.CreateAccounts.TotalSeconds:N2} s", "", "", "", "");
        table.Caption(Markup.Escape($"{f.Database}. Bare tables: the entries' and postings' columns with only their primary keys."));
        return table;
    }

    /// <summary>`--json`: the figures as JSON on stdout, for every benchmark.</summary>
    internal static Option<bool> JsonOption() => new("--json") { Description = "Write the figures as JSON on stdout (progress goes to stderr)" };

    /// <summary>`--keep`: keep the scratch database, for every benchmark.</summary>
    internal static Option<bool> KeepOption() => new("--keep") { Description = "Keep the scratch schema or file afterwards, to look into the figures" };

    /// <summary>Where every benchmark runs, said the same way in each one's help.</summary>
    internal static string WhereItRuns =>
        "Uses --db if given (a PostgreSQL database gets a throwaway schema; a SQLite file must be new), " +
        $"else ${CliOptions.DatabaseVariable} if it names PostgreSQL, else a temporary SQLite file.";

    internal static string Verdict(bool passes) => passes ? "[green]PASS[/]" : "[red]FAIL[/]";

    internal static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static string PerSecond(int count, TimeSpan time) => (count / Math.Max(time.TotalSeconds, 1e-9)).ToString("N0", CultureInfo.InvariantCulture);

    private static JsonObject ToJson(LedgerFigures f) => new()
    {
        ["scenario"] = "ledger",
        ["provider"] = f.Provider,
        ["database"] = f.Database,
        ["entries"] = f.Options.Entries,
        ["accounts"] = f.Options.Accounts,
        ["batchSize"] = f.Options.BatchSize,
        ["seed"] = f.Options.Seed,
        ["createAccountsSeconds"] = f.CreateAccounts.TotalSeconds,
        ["posting"] = new JsonObject
        {
            ["reeveSeconds"] = f.PostReeve.TotalSeconds,
            ["entryKeys"] = f.Options.EntryKeys,
            ["physicalSeconds"] = f.PostPhysical.TotalSeconds,
            ["baselineSeconds"] = f.PostBaseline.TotalSeconds,
            ["baselineMethod"] = f.BaselineMethod,
            ["ratio"] = f.PostingRatio,
            ["sameTableRatio"] = f.SameTableRatio,
            ["targetRatio"] = LedgerFigures.PostingRatioTarget,
            ["pass"] = f.PostingPasses,
        },
        ["balanceRead"] = new JsonObject
        {
            ["reads"] = f.BalanceRead.Calls,
            ["meanMs"] = f.BalanceRead.MeanMs,
            ["p50Ms"] = f.BalanceRead.P50Ms,
            ["p99Ms"] = f.BalanceRead.P99Ms,
            ["baselineMeanMs"] = f.SelectOne.MeanMs,
            ["baselineP50Ms"] = f.SelectOne.P50Ms,
            ["baselineP99Ms"] = f.SelectOne.P99Ms,
            ["ratio"] = f.BalanceReadRatio,
            ["targetP99Ms"] = LedgerFigures.BalanceReadTargetMs,
            ["pass"] = f.BalanceReadPasses,
        },
    };
}
