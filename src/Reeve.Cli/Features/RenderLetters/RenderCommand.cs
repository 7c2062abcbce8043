using System.CommandLine;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.RenderLetters;

/// <summary>
/// `reeve letters render --type demand-notice --account 500000013 --out bill.pdf`: one account's letter, as it
/// would be sent today, from what is recorded now. Nothing is stored or sent.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliHost host)
    {
        var type = new Option<string>("--type") { Description = "The letter type: " + string.Join(", ", LetterTypes.All.Select(t => t.Code())), HelpName = "letter-type", Required = true };
        var account = new Option<string>("--account") { Description = "The account reference (9 digits)", HelpName = "reference", Required = true };
        var year = CliOptions.WholeNumber("--year", "The financial year by the year it starts: 2026 for 2026/27 (default: the year today is in)", 0, minimum: 1993, maximum: 2100);
        var largePrint = new Option<bool>("--large-print") { Description = "Large print: body text at 16 point" };
        var output = new Option<string>("--out") { Description = "The PDF file to write", HelpName = "file.pdf", Required = true };
        var council = LettersCommand.Council();
        var render = new Command("render", "Render one account's letter as a PDF: a bill from the account's bill, any other type from the newest one written for the account (never from sample figures)") { type, account, year, largePrint, output, council };
        render.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var request = new Request(
                parsed.GetValue(type)!, parsed.GetValue(account)!, parsed.GetResult(year) is { Implicit: false } ? parsed.GetValue(year) : null,
                parsed.GetValue(largePrint) ? PrintSize.Large : PrintSize.Standard, parsed.GetValue(output)!,
                parsed.GetResult(council) is { Implicit: false } ? parsed.GetValue(council) : null);
            return await RunAsync(host, db, request, ct);
        });
        return render;
    }

    private sealed record Request(string Type, string Account, int? Year, PrintSize Size, string Out, int? Council);

    private static async Task<int> RunAsync(CliHost host, ReeveDatabase db, Request request, CancellationToken ct)
    {
        var type = LetterTypes.All.Where(t => t.Code() == request.Type).Select(t => (LetterType?)t).FirstOrDefault();
        if (type is null)
        {
            return await RefuseAsync(host, $"--type: '{request.Type}' is not a letter type; the types are {string.Join(", ", LetterTypes.All.Select(t => t.Code()))}");
        }

        if (!AccountReference.TryParse(request.Account, out var reference, out var error))
        {
            return await RefuseAsync(host, $"--account: '{request.Account}' is not an account reference. {error}");
        }

        var (councilId, problem) = await LettersCommand.ChooseCouncilAsync(db, request.Council,
            c => AccountReferenceCouncils.HoldingAsync(c, reference), $"an account {reference.Value}", ct);
        if (problem is not null)
        {
            return await RefuseAsync(host, problem);
        }

        await using var connection = await db.OpenAsync(ct);
        var found = councilId is { } id ? await AccountStore.FindByReferenceAsync(connection, id, reference) : null;
        if (found is null)
        {
            return await RefuseAsync(host, $"--account: there is no account {reference.Value}" + (councilId is { } c ? $" in council {c.Value}" : $" in {db.Describe()}"));
        }

        var today = UkTime.Today(host.Clock);
        switch (await OneOffLetters.PreviewAsync(connection, found.Council, found.AccountId, type.Value, today, request.Size, request.Year))
        {
            case Outcome<LetterPreview>.Done done:
                var preview = done.Value;
                var model = preview.Composed.Model;
                var folder = Path.GetDirectoryName(Path.GetFullPath(request.Out))!;
                Directory.CreateDirectory(folder);
                await File.WriteAllBytesAsync(request.Out, preview.Letter.Pdf!, ct);
                host.Out.MarkupLine(Markup.Escape(
                    $"{NoticeStore.Describe(type.Value)} for account {reference.Value} ({model.Recipient.Name}), from {preview.BuiltFrom}, as issued on {DateText.LongForm.Format(preview.IssuedOn)}" +
                    $"{(model.SlipAmount is { } slip ? $", asking for {slip.ToDisplayString()}" : "")}{(request.Size == PrintSize.Large ? ", large print" : "")}."));
                if (preview.Composed.GoneAway is { } mark)
                {
                    host.Out.MarkupLine(Markup.Escape($"Post to this address came back gone-away on {DateText.LongForm.Format(mark.ReturnedOn)}: a print run would hold this letter."));
                }

                host.Out.MarkupLine(Markup.Escape($"Written to {request.Out}. Nothing was stored or sent."));
                return ReeveCli.Ok;
            case Outcome<LetterPreview>.Invalid invalid:
                return await RefuseAsync(host, $"--{invalid.Field switch { "year" => "year", "type" => "type", _ => "account" }}: {invalid.Message}");
            case Outcome<LetterPreview>.NotFound notFound:
                return await RefuseAsync(host, $"--account: there is no {notFound.What}");
            case var other:
                throw new InvalidOperationException($"Unexpected outcome {other}");
        }
    }

    private static async Task<int> RefuseAsync(CliHost host, string message)
    {
        await host.Stderr.WriteLineAsync($"reeve letters render: {message}");
        return ReeveCli.Refused;
    }
}
