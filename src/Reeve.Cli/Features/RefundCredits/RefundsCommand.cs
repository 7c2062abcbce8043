using System.CommandLine;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Spectre.Console;

namespace Reeve.Cli.Features.RefundCredits;

/// <summary>
/// `reeve payments refunds pay --processing-date D --out FILE`: approved bank refunds in a Standard 18 Direct
/// Credit file, once per processing day (running it again writes the same file); `reeve payments refunds
/// settings`: the council's approval limit and the account refunds are paid from; `reeve payments refunds
/// pay-cards`: approved card refunds paid back to the card through GOV.UK Pay (the API key from
/// REEVE_GOVUKPAY_API_KEY, never the command line), exiting 1 if any was refused or failed.
/// </summary>
internal static class RefundsCommand
{
    public static Command Create(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var processing = CliOptions.Date("--processing-date", "The Bacs processing day the refunds are paid on");
        processing.Required = true;
        var output = new Option<string>("--out") { Description = "Where to write the Standard 18 file", HelpName = "file", Required = true };
        var pay = new Command("pay", "Pay approved bank refunds in a Bacs Standard 18 credit file") { processing, output, council };
        pay.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            const string command = "reeve payments refunds pay";
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, command, problem);
            }

            var outcome = await PayRefunds.PayAsync(db, chosen.Id!.Value, parsed.GetValue(processing)!.Value, WorkingDays.EnglandAndWales,
                host.Actor, host.Clock.GetCurrentInstant(), ct);
            switch (outcome)
            {
                case Outcome<PayRefunds.Run>.Done { Value: var run }:
                    var path = parsed.GetValue(output)!;
                    await File.WriteAllTextAsync(path, run.File, System.Text.Encoding.ASCII, ct);
                    host.Out.MarkupLine(Markup.Escape(run.AlreadyMade
                        ? $"Run {run.RunId} for {run.ProcessingDate:uuuu-MM-dd} was made before: the same file was written again to {path} and nothing new was paid ({run.Refunds.Count} refunds, {run.Total.ToDisplayString()})."
                        : $"Run {run.RunId}: {run.Refunds.Count} refunds, {run.Total.ToDisplayString()}, to be paid on {run.ProcessingDate:uuuu-MM-dd}, written to {path}."));
                    return ReeveCli.Ok;
                case Outcome<PayRefunds.Run>.NotFound:
                    host.Out.MarkupLine("No approved bank refunds are waiting to be paid; no file was written.");
                    return ReeveCli.Ok;
                case Outcome<PayRefunds.Run>.Invalid invalid:
                    return await PaymentsCommand.RefuseAsync(host, command, $"{invalid.Field}: {invalid.Message}");
                default:
                    throw new InvalidOperationException("Unexpected refund run result");
            }
        });

        var settingsCouncil = PaymentsCommand.Council();
        var limit = new Option<string>("--limit") { Description = "Refunds above this need a second officer's approval, in pounds", HelpName = "pounds", Required = true };
        var sun = new Option<string?>("--sun") { Description = "The Bacs service user number refunds are paid under", HelpName = "six digits" };
        var sortCode = new Option<string?>("--sort-code") { Description = "The sort code of the account refunds are paid from", HelpName = "six digits" };
        var accountNumber = new Option<string?>("--account-number") { Description = "The account number refunds are paid from", HelpName = "eight digits" };
        var name = new Option<string?>("--name") { Description = "The council's name as Bacs shows it", HelpName = "name" };
        var settings = new Command("settings", "Set the refund approval limit and the account refunds are paid from") { limit, sun, sortCode, accountNumber, name, settingsCouncil };
        settings.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            const string command = "reeve payments refunds settings";
            if (!MoneyText.TryParse(parsed.GetValue(limit), out var amount, out var error) || amount.IsNegative)
            {
                return await PaymentsCommand.RefuseAsync(host, command, $"--limit: {error ?? "the limit cannot be negative"}");
            }

            ServiceUser? paidFrom = null;
            if (parsed.GetValue(sun) is { } s)
            {
                if (!SortCode.TryParse(parsed.GetValue(sortCode), out var sc, out var scError))
                {
                    return await PaymentsCommand.RefuseAsync(host, command, $"--sort-code: {scError}");
                }

                if (!AccountNumber.TryParse(parsed.GetValue(accountNumber), out var an, out var anError))
                {
                    return await PaymentsCommand.RefuseAsync(host, command, $"--account-number: {anError}");
                }

                paidFrom = new ServiceUser(s, sc, an, (parsed.GetValue(name) ?? "").ToUpperInvariant());
            }

            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, settingsCouncil), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, command, problem);
            }

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var current = await RefundStore.SettingsAsync(connection, tx, chosen.Id!.Value);
            await RefundStore.SetSettingsAsync(connection, tx, chosen.Id!.Value, new RefundSettings(amount, paidFrom ?? current.PaidFrom));
            await tx.CommitAsync(ct);
            host.Out.MarkupLine(Markup.Escape($"Refunds above {amount.ToDisplayString()} now need a second officer's approval."));
            return ReeveCli.Ok;
        });
        return new Command("refunds", "Refunds of credits: pay approved bank refunds, pay card refunds through GOV.UK Pay, and the refund settings")
        {
            pay, PayCards(host), settings,
        };
    }

    private static Command PayCards(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var baseUrl = TakeCardPayments.GovUkPayConnection.BaseUrl();
        var command = new Command("pay-cards", "Refund approved card refunds to the card through GOV.UK Pay, and check those sent") { baseUrl, council };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = "reeve payments refunds pay-cards";
            var (connected, refusal) = TakeCardPayments.GovUkPayConnection.Connect(host, parsed, baseUrl);
            if (connected is null)
            {
                return await PaymentsCommand.RefuseAsync(host, name, refusal!);
            }

            using var http = connected;
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, name, problem);
            }

            var attempts = await PayCardRefunds.PayAsync(db, new Payments.Features.TakeCardPayments.GovUkPayClient(http), chosen.Id!.Value,
                host.Actor, host.Clock.GetCurrentInstant(), ct);
            foreach (var a in attempts)
            {
                host.Out.MarkupLine(Markup.Escape($"Refund {a.RefundId} ({a.Amount.ToDisplayString()}, account {a.Account}): {a.State.Describe()}"));
            }

            var failed = attempts.Count(a => a.State.Status is CardRefundState.Refused or CardRefundState.Error);
            host.Out.MarkupLine(Markup.Escape($"{attempts.Count} card refund(s) tried; {attempts.Count(a => a.State.Status == CardRefundState.Success)} paid, {failed} refused or failed."));
            return failed == 0 ? ReeveCli.Ok : ReeveCli.Failed;
        });
        return command;
    }
}
