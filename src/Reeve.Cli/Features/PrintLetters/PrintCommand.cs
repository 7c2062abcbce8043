using System.CommandLine;
using System.Diagnostics;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.PrintLetters;

/// <summary>
/// `reeve letters print --run 3 --out print/`: an annual billing run's demand notices as print files (PDFs of
/// up to 500 letters in postcode order, and a manifest CSV), each notice stored once on its account. Running it
/// again writes the same files and stores nothing new.
/// </summary>
internal static class PrintCommand
{
    private const string Officer = "reeve letters print";

    public static Command Create(CliHost host)
    {
        var run = CliOptions.WholeNumber("--run", "An annual billing run's number: print its demand notices", 0, minimum: 1);
        run.DefaultValueFactory = null;
        var type = new Option<string>("--type") { Description = "Print the queued letters of this type: " + string.Join(", ", LetterTypes.All.Select(t => t.Code())), HelpName = "letter-type" };
        var date = CliOptions.Date("--date", "With --type: the issue date of the queued letters to print");
        var output = new Option<string>("--out") { Description = "The folder to write the print files to", HelpName = "folder", Required = true };
        var council = RenderLetters.LettersCommand.Council();
        var print = new Command("print",
            "Write print files (PDFs in postcode order with a manifest), storing each notice once: an annual billing run's demand notices (--run), " +
            "or the queued letters of a type issued on a date (--type and --date), holding letters to gone-away addresses")
        { run, type, date, output, council };
        print.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var given = parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : (int?)null;
            var runGiven = parsed.GetResult(run) is { Implicit: false };
            var typeGiven = parsed.GetValue(type);
            return (runGiven, typeGiven) switch
            {
                (true, null) => await RunAsync(host, db, parsed.GetValue(run), parsed.GetValue(output)!, given, ct),
                (false, { } code) => await PrintQueuedAsync(host, db, code, parsed.GetValue(date), parsed.GetValue(output)!, given, ct),
                (true, _) => await RefuseAsync(host, "--run and --type: give one, a billing run or a letter type with --date"),
                (false, null) => await RefuseAsync(host, "--run or --type: say what to print, a billing run or a letter type with --date"),
            };
        });
        return print;
    }

    private static async Task<int> PrintQueuedAsync(CliHost host, ReeveDatabase db, string code, LocalDate? date, string folder, int? councilGiven, CancellationToken ct)
    {
        if (!LetterTypes.All.Any(t => t.Code() == code))
        {
            return await RefuseAsync(host, $"--type: '{code}' is not a letter type; the types are {string.Join(", ", LetterTypes.All.Select(t => t.Code()))}");
        }

        if (date is not { } on)
        {
            return await RefuseAsync(host, "--date: give the issue date of the queued letters to print, such as 2027-05-12");
        }

        var type = LetterTypes.FromCode(code);
        var (council, problem) = await RenderLetters.LettersCommand.ChooseCouncilAsync(db, councilGiven,
            c => LetterTypeCouncils.HoldingAsync(c, type), $"queued {code} letters", ct);
        if (problem is not null || council is null)
        {
            return await RefuseAsync(host, problem ?? $"--type: no {code} letters are queued in {db.Describe()}");
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = await ProgressBars.RunAsync(host.Out, bars =>
            RequestPrintRun.PrintAsync(db, new RequestPrintRun.Options(council.Value, type, on, folder, Officer), host.Clock,
                bars.For<PrintProgress>(p => (p.Stage, p.Done, p.Total)), ct));
        switch (outcome)
        {
            case Outcome<RequestPrintResult>.Done done:
                var result = done.Value;
                var console = host.Out;
                console.MarkupLine(Markup.Escape(
                    $"Printed the {NoticeStore.Describe(type).ToLowerInvariant()}s issued on {DateText.LongForm.Format(on)} to {folder} in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s (print run {result.PrintId})."));
                console.Write(new Table().Title("Print files").AddColumns("What", "How many")
                    .AddRow("Letters printed", $"{result.Letters.Count:N0}")
                    .AddRow("Pages", $"{result.Pages:N0}")
                    .AddRow("PDF files", $"{result.Files.Count:N0}")
                    .AddRow("Notices stored now", $"{result.NoticesStored:N0}")
                    .AddRow("Notices stored before", $"{result.AlreadyStored:N0}")
                    .AddRow("Held: address gone away", $"{result.Held.Count:N0}")
                    .AddRow("Requests with no notice", $"{result.Problems.Count:N0}"));
                foreach (var file in result.Files.Append(result.Manifest))
                {
                    console.MarkupLine(Markup.Escape("  " + file));
                }

                foreach (var h in result.Held)
                {
                    console.MarkupLine(Markup.Escape($"Held: account {h.AccountReference} ({h.Name}, {h.Address}): post came back gone-away on {DateText.LongForm.Format(h.ReturnedOn)}."));
                }

                foreach (var p in result.Problems)
                {
                    await host.Stderr.WriteLineAsync($"reeve letters print: account {p.AccountId}: {p.Field}: {p.Message}");
                }

                return ReeveCli.Ok;
            case Outcome<RequestPrintResult>.NotFound notFound:
                return await RefuseAsync(host, $"--date: there are no {notFound.What}");
            case var other:
                throw new InvalidOperationException($"Unexpected outcome {other}");
        }
    }

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, int runId, string folder, int? councilGiven, CancellationToken ct)
    {
        var (council, problem) = await RenderLetters.LettersCommand.ChooseCouncilAsync(db, councilGiven,
            c => BillingRunCouncils.HoldingAsync(c, runId), $"a billing run {runId}", ct);
        if (problem is not null || council is null)
        {
            return await RefuseAsync(host, problem ?? $"--run: there is no billing run {runId} in {db.Describe()}");
        }

        BillingRunToPrint? run;
        await using (var connection = await db.OpenAsync(ct))
        {
            run = await Reeve.CouncilTax.BillingRunBills.ForPrintAsync(connection, council.Value, runId);
        }

        if (run is null)
        {
            return await RefuseAsync(host, $"--run: there is no billing run {runId} in council {council.Value.Value}");
        }

        var console = host.Out;
        var started = Stopwatch.GetTimestamp();
        var outcome = await ProgressBars.RunAsync(console, bars =>
            PrintRun.PrintAsync(db, new PrintRun.Options(council.Value, run, folder, Officer), host.Clock, bars.For<PrintProgress>(p => (p.Stage, p.Done, p.Total)), ct));
        switch (outcome)
        {
            case Outcome<PrintResult>.Done done:
                await ShowAsync(host, done.Value, folder, Stopwatch.GetElapsedTime(started));
                return ReeveCli.Ok;
            case Outcome<PrintResult>.NotFound:
                return await RefuseAsync(host, $"--run: there is no billing run {runId} in council {council.Value.Value}");
            case Outcome<PrintResult>.Invalid invalid:
                return await RefuseAsync(host, $"--{invalid.Field}: {invalid.Message}");
            case var other:
                throw new InvalidOperationException($"Unexpected outcome {other}");
        }
    }

    private static async Task ShowAsync(CliHost host, PrintResult result, string folder, TimeSpan took)
    {
        var console = host.Out;
        console.MarkupLine(Markup.Escape(
            $"Printed billing run {result.RunId} ({result.Year}, issued {DateText.LongForm.Format(result.IssuedOn)}) to {folder} in {took.TotalSeconds:N1} s."));
        console.Write(new Table().Title("Print files").AddColumns("What", "How many")
            .AddRow("Letters", $"{result.Letters.Count:N0}")
            .AddRow("Pages", $"{result.Pages:N0}")
            .AddRow("PDF files", $"{result.Files.Count:N0}")
            .AddRow("Notices stored now", $"{result.NoticesStored:N0}")
            .AddRow("Notices stored before", $"{result.AlreadyStored:N0}")
            .AddRow("Bills with no notice", $"{result.Problems.Count:N0}"));
        foreach (var file in result.Files.Append(result.Manifest))
        {
            console.MarkupLine(Markup.Escape("  " + file));
        }

        if (result.ChangedSinceStored > 0)
        {
            console.MarkupLine(Markup.Escape(
                $"{result.ChangedSinceStored} notice(s) render differently from the copy stored when the run was first printed (the wording or the records changed); the stored copy is the one that was sent."));
        }

        foreach (var p in result.Problems)
        {
            await host.Stderr.WriteLineAsync($"reeve letters print: account {p.AccountId}: {p.Field}: {p.Message}");
        }
    }

    private static async Task<int> RefuseAsync(CliHost host, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve letters print: {message}");
        return ReeveCli.Refused;
    }
}
