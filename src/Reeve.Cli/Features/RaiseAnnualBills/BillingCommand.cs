using System.CommandLine;
using Dapper;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Spectre.Console;
using AnnualBilling = Reeve.CouncilTax.RaiseAnnualBills;

namespace Reeve.Cli.Features.RaiseAnnualBills;

/// <summary>
/// `reeve billing annual`: bills every dwelling for the year (CTAE Regs 1992 reg 18), chunk by chunk, each chunk
/// in its own transaction. Ctrl-C stops after the chunk in hand commits; running the same command again carries
/// on, skipping every account already billed for the year. Problems with single dwellings are reported and the
/// run goes on, so they do not change the exit code.
/// </summary>
internal static class BillingCommand
{
    public const string Officer = "reeve billing annual";

    /// <summary>How many problems the report lists before it gives only their number.</summary>
    public const int ProblemsListed = 20;

    public static Command Create(CliHost host)
    {
        var command = new Command("billing", "Council tax billing runs");
        command.Subcommands.Add(Annual(host));
        return command;
    }

    private static Command Annual(CliHost host)
    {
        var year = CliOptions.WholeNumber("--year", "The financial year to bill, by the year it starts: 2026 is 1 April 2026 to 31 March 2027", 0, minimum: 1993, maximum: 9998);
        year.Required = true;
        year.DefaultValueFactory = null;
        year.HelpName = "YYYY";
        var issuedOn = CliOptions.Date("--issued-on", "The date the demand notices are issued (default: today in the UK)");
        var council = CliOptions.WholeNumber("--council", "The council to bill", 1, minimum: 1);
        var preview = new Option<bool>("--preview") { Description = "Work out every bill and report them, writing nothing" };
        var chunk = CliOptions.WholeNumber("--chunk", "Dwellings billed per transaction", AnnualBilling.ChunkSize, minimum: 1, maximum: 1_000_000);
        var command = new Command("annual", "Bill every dwelling for the year: charges, instalments and a demand notice record each")
        {
            year, issuedOn, council, preview, chunk,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var options = new AnnualBilling.Options(
                new CouncilId(parsed.GetValue(council)), new FinancialYear(parsed.GetValue(year)), parsed.GetValue(issuedOn) ?? UkTime.Today(host.Clock),
                parsed.GetValue(preview), Officer, parsed.GetValue(chunk));
            using var db = CliOptions.OpenDatabase(parsed, host);
            return await RunAsync(host, db, options, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, AnnualBilling.Options options, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            if (await CouncilStore.NameAsync(connection, options.Council) is null)
            {
                return await RefuseAsync(host, "--council", $"{db.Describe()} has no council {options.Council.Value}");
            }
        }

        var console = host.Out;
        console.MarkupLine(Markup.Escape(
            $"{(options.Preview ? "Previewing" : "Raising")} annual bills for {options.Year}, issued {DateText.Iso.Format(options.IssuedOn)}, in {db.Describe()}"));

        // Ctrl-C asks the run to stop; the run is told only once the chunk in hand has committed, so it stops
        // between chunks rather than rolling one back.
        using var stop = new CancellationTokenSource();
        Outcome<AnnualBillingReport> outcome;
        try
        {
            outcome = await ProgressBars.RunAsync(console, bars =>
            {
                var bar = bars.For<(int Done, int Total)>(p => ("Dwellings", p.Done, p.Total));
                var progress = new StopBetweenChunks(bar, () => ct.IsCancellationRequested, stop);
                return AnnualBilling.RunAsync(db, options, host.Clock, progress, stop.Token);
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await host.Stderr.WriteLineAsync(
                "reeve billing annual: stopped. Every chunk finished so far is committed; run the same command again to carry on (nobody is billed twice).");
            return ReeveCli.Failed;
        }

        switch (outcome)
        {
            case Outcome<AnnualBillingReport>.Done { Value: var report }:
                Print(console, report);
                return ReeveCli.Ok;
            case Outcome<AnnualBillingReport>.Invalid invalid:
                return await RefuseAsync(host, OptionFor(invalid.Field), invalid.Message);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }

    private static async Task<int> RefuseAsync(CliHost host, string option, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve billing annual: {option}: {message}");
        return ReeveCli.Refused;
    }

    private static string OptionFor(string field) => field switch
    {
        "year" => "--year",
        "issuedOn" => "--issued-on",
        "council" => "--council",
        _ => field,
    };

    private static void Print(IAnsiConsole console, AnnualBillingReport report)
    {
        var table = new Table()
            .Title(Markup.Escape($"Annual billing {report.Year}"))
            .AddColumns("What", "How many")
            .AddRow("Dwellings", $"{report.Dwellings:N0}")
            .AddRow("Bills issued", $"{report.BillsIssued:N0}")
            .AddRow("Already billed (skipped)", $"{report.AlreadyBilled:N0}")
            .AddRow("New accounts", $"{report.NewAccounts:N0}")
            .AddRow("Total charged", Markup.Escape(report.Total.ToDisplayString()))
            .AddRow("Problems", $"{report.Problems.Count:N0}");
        console.Write(table);

        var bands = new Table().Title("Bills by band").AddColumns("Band", "Bills");
        foreach (var (band, bills) in report.BillsByBand)
        {
            bands.AddRow(Markup.Escape(band), $"{bills:N0}");
        }

        console.Write(bands);

        if (report.Problems.Count > 0)
        {
            console.MarkupLine($"Dwellings not billed ({report.Problems.Count:N0}):");
            foreach (var problem in report.Problems.Take(ProblemsListed))
            {
                console.MarkupLine(Markup.Escape($"  UPRN {problem.Uprn}, field {problem.Field}: {problem.Message}"));
            }

            if (report.Problems.Count > ProblemsListed)
            {
                console.MarkupLine($"  and {report.Problems.Count - ProblemsListed:N0} more.");
            }
        }

        console.MarkupLine(report.RunId is { } run ? $"Run id: {run}" : "Preview: nothing was written, and there is no run id.");
    }

    private sealed class StopBetweenChunks(IProgress<(int Done, int Total)> inner, Func<bool> stopRequested, CancellationTokenSource stop) : IProgress<(int Done, int Total)>
    {
        // RaiseAnnualBills reports after each chunk commits, and checks the token before it starts the next.
        public void Report((int Done, int Total) value)
        {
            inner.Report(value);
            if (stopRequested())
            {
                stop.Cancel();
            }
        }
    }
}
