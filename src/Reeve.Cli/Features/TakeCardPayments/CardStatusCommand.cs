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
        var baseUrl = GovUkPayConnection.BaseUrl();
        var command = new Command("card-status", "Reconcile card payments with GOV.UK Pay: post those that succeeded") { baseUrl, council };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = "reeve payments card-status";
            var (connected, refusal) = GovUkPayConnection.Connect(host, parsed, baseUrl);
            if (connected is null)
            {
                return await PaymentsCommand.RefuseAsync(host, name, refusal!);
            }

            using var db = CliOptions.OpenDatabase(parsed, host);
            using var http = connected;
            var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
            if (chosen.Problem is { } problem)
            {
                return await PaymentsCommand.RefuseAsync(host, name, problem);
            }

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
