using System.CommandLine;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Payments.Features.TakeCardPayments;
using Spectre.Console;

namespace Reeve.Cli.Features.TakeCardPayments;

/// <summary>
/// `reeve payments card-status`: asks GOV.UK Pay about every card payment not yet finished and posts those that
/// succeeded (once: the ledger key is GOV.UK Pay's id). The API key comes from REEVE_GOVUKPAY_API_KEY, never
/// from the command line, so it is not left in shell history.
/// </summary>
internal static class CardStatusCommand
{
    public static Command Create(CliHost host)
    {
        var council = PaymentsCommand.Council();
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "GOV.UK Pay's API address", HelpName = "url", DefaultValueFactory = _ => "https://publicapi.payments.service.gov.uk/",
        };
        var command = new Command("card-status", "Reconcile card payments with GOV.UK Pay: post those that succeeded") { baseUrl, council };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = "reeve payments card-status";
            if (host.Environment("REEVE_GOVUKPAY_API_KEY") is not { Length: > 0 } key)
            {
                return await PaymentsCommand.RefuseAsync(host, name, "set REEVE_GOVUKPAY_API_KEY to the council's GOV.UK Pay API key");
            }

            if (!Uri.TryCreate(parsed.GetValue(baseUrl), UriKind.Absolute, out var url))
            {
                return await PaymentsCommand.RefuseAsync(host, name, "--base-url: not an absolute URL");
            }

            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, name, problem);
            }

            using var http = GovUkPayClient.Connect(url, key);
            var results = await TakeCardPayment.ReconcileAsync(db, new GovUkPayClient(http), chosen.Id!.Value, host.Clock.GetCurrentInstant(), ct);
            var posted = 0;
            foreach (var result in results)
            {
                switch (result)
                {
                    case Outcome<TakeCardPayment.Confirmed>.Done { Value: var c }:
                        posted += c.Posted ? 1 : 0;
                        host.Out.MarkupLine(Markup.Escape($"Card payment {c.CardPaymentId} ({c.Amount.ToDisplayString()}, account {c.Account}): {c.Status}{(c.Posted ? ", posted" : "")}"));
                        break;
                    case Outcome<TakeCardPayment.Confirmed>.Conflict conflict:
                        host.Out.MarkupLine(Markup.Escape(conflict.Message));
                        break;
                }
            }

            host.Out.MarkupLine(Markup.Escape($"{results.Count} unfinished card payment(s) checked; {posted} posted."));
            return ReeveCli.Ok;
        });
        return command;
    }
}
