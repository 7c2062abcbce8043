using System.CommandLine;
using System.Data.Common;
using Reeve.Enforcement;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery;
using Spectre.Console;

namespace Reeve.Cli.Features.Enforcement;

/// <summary>
/// `reeve enforcement ...`: after a liability order. `liability-orders --account REF` lists an account's orders with their ids;
/// `request-information --order N` asks the liable people for employment and income details (CTAE Regs 1992 reg 36);
/// `record-reply --request N ...` records a reply; `flag-unanswered` flags requests past their 14 days; `make-order --order N
/// --person P` makes an attachment of earnings order (regs 37-39); `end-paid-orders` ends orders whose liability order is paid.
/// Each opens one transaction and commits it when the handler is done (or has logged a Breathing Space refusal).
/// </summary>
internal static class EnforcementCommand
{
    private const string Name = "reeve enforcement";

    public static Command Create(CliHost host) => new("enforcement", "After a liability order: information requests and attachment of earnings orders")
    {
        LiabilityOrdersCommand(host), RequestInformationCommand(host), RecordReplyCommand(host), FlagUnansweredCommand(host), MakeOrderCommand(host), EndPaidCommand(host), ImportRemittanceCommand(host),
    };

    private static Option<int?> Council() => new("--council") { Description = "The council (needed when the database holds several)", HelpName = "N" };


    private static Option<long> Id(string name, string description) => new(name) { Description = description, HelpName = "N", Required = true };

    // Opens the database and a transaction for the chosen council, runs the step, and commits when it is done or is a logged
    // moratorium refusal; a refused step exits 2 naming the option at fault.
    private static async Task<int> RunAsync<T>(
        CliHost host, ParseResult parsed, Option<int?> council, string command,
        Func<DbConnection, DbTransaction, CouncilId, Task<Outcome<T>>> step, Func<T, string> report, CancellationToken ct)
    {
        using var db = CliOptions.OpenDatabase(parsed, host);
        var chosen = await CouncilChoice.ChooseAsync(db, parsed.GetValue(council), ct);
        if (chosen.Problem is { } problem)
        {
            return await RefuseAsync(host, command, problem);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await step(connection, tx, chosen.Id!.Value);
        switch (outcome)
        {
            case Outcome<T>.Done done:
                await tx.CommitAsync(ct);
                host.Out.MarkupLine(Markup.Escape(report(done.Value)));
                return ReeveCli.Ok;
            case Outcome<T>.Invalid invalid:
                return await RefuseAsync(host, command, $"--{Option(invalid.Field)}: {invalid.Message}. Nothing was recorded.");
            case Outcome<T>.NotFound missing:
                return await RefuseAsync(host, command, $"there is no {missing.What}. Nothing was recorded.");
            case Outcome<T>.Conflict conflict when Moratoriums.IsRefusal(conflict.Message):
                await tx.CommitAsync(ct);
                return await RefuseAsync(host, command, conflict.Message);
            case Outcome<T>.Conflict conflict:
                return await RefuseAsync(host, command, conflict.Message + ". Nothing was recorded.");
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }

    // The handlers name fields as the API does; the command's options are the same words in kebab case.
    private static string Option(string field) => field switch
    {
        "liabilityOrder" => "order",
        "issuedOn" or "madeOn" or "receivedOn" => "date",
        "party" => "person",
        "payPeriod" => "pay-period",
        "netPay" => "net-pay",
        "employer.name" => "employer",
        "employer.postcode" => "employer-postcode",
        _ => field,
    };

    private static async Task<int> RefuseAsync(CliHost host, string command, string message)
    {
        await host.Stderr.WriteLineAsync($"{command}: {message}");
        return ReeveCli.Refused;
    }


    private static Command LiabilityOrdersCommand(CliHost host)
    {
        var account = new Option<string>("--account") { Description = "The account reference", HelpName = "reference", Required = true };
        var council = Council();
        var command = new Command("liability-orders", "An account's liability orders, with the ids the other commands take") { account, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, parsed.GetValue(council), ct);
            if (chosen.Problem is { } problem)
            {
                return await RefuseAsync(host, Name + " liability-orders", problem);
            }

            await using var connection = await db.OpenAsync(ct);
            var reference = parsed.GetValue(account)!.Trim();
            if ((await AccountStore.ByReferencesAsync(connection, chosen.Id!.Value, [reference])).GetValueOrDefault(reference) is not { } found)
            {
                return await RefuseAsync(host, Name + " liability-orders", $"--account: there is no account {reference}");
            }

            var table = new Table().AddColumns("Order", "Year", "Made", "Court", "Sum", "Costs", "Total");
            foreach (var o in await LiabilityOrders.ForAccountsAsync(connection, chosen.Id!.Value, [found.AccountId]))
            {
                table.AddRow($"{o.OrderId}", o.Year.ToString(), DateText.FormatIso(o.MadeOn), Markup.Escape(o.Court), o.Sum.ToDisplayString(), o.Costs.ToDisplayString(),
                    o.Total.ToDisplayString());
            }

            host.Out.Write(table);
            return ReeveCli.Ok;
        });
        return command;
    }

    private static Command RequestInformationCommand(CliHost host)
    {
        var order = Id("--order", "The liability order (its id from `reeve enforcement liability-orders`)");
        var date = CliOptions.Date("--date", "The day the request is issued (default today)");
        var council = Council();
        var command = new Command("request-information", "Ask the people liable under a liability order for their employment and income (reg 36), 14 days to reply")
        {
            order, date, council,
        };
        command.SetAction((parsed, ct) => RunAsync(host, parsed, council, Name + " request-information",
            (c, tx, id) => RequestInformation.HandleAsync(c, tx, id, parsed.GetValue(order), parsed.GetValue(date) ?? UkTime.Today(host.Clock),
                host.Actor, host.Clock.GetCurrentInstant()),
            issued => issued.AlreadyIssued
                ? $"Already asked on that day: request(s) {string.Join(", ", issued.Requests.Select(r => r.RequestId))}; nothing new was sent."
                : $"Asked {issued.Requests.Count} person(s): request(s) {string.Join(", ", issued.Requests.Select(r => $"{r.RequestId} (person {r.PartyId})"))}; " +
                  $"reply due by {DateText.FormatIso(issued.Requests[0].ReplyDue)}. The letter is queued for printing.", ct));
        return command;
    }

    private static Command RecordReplyCommand(CliHost host)
    {
        var request = Id("--request", "The information request replied to");
        var employment = new Option<string>("--employment") { Description = "employed, self-employed, not-working or retired", Required = true };
        var employer = new Option<string?>("--employer") { Description = "The employer's name (employed only)" };
        var address = new Option<string?>("--employer-address") { Description = "The employer's address" };
        var postcode = new Option<string?>("--employer-postcode") { Description = "The employer's postcode" };
        var contact = new Option<string?>("--payroll-contact") { Description = "Who at the employer deals with payroll" };
        var payroll = new Option<string?>("--payroll-number") { Description = "The person's payroll or works number" };
        var period = new Option<string?>("--pay-period") { Description = "weekly, monthly or daily" };
        var net = new Option<string?>("--net-pay") { Description = "Net pay for one pay period, like 300.00" };
        var benefits = new Option<string?>("--benefits") { Description = "Benefits received, comma-separated: " + string.Join(", ", EnforcementLaw.Benefits) };
        var note = new Option<string?>("--note") { Description = "Anything else the person said" };
        var date = CliOptions.Date("--date", "The day the reply was received (default today)");
        var council = Council();
        var command = new Command("record-reply", "Record a reply to an information request against the person")
        {
            request, employment, employer, address, postcode, contact, payroll, period, net, benefits, note, date, council,
        };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = Name + " record-reply";
            if (Employments.FromCode(parsed.GetValue(employment)) is not { } working)
            {
                return await RefuseAsync(host, name, "--employment: must be employed, self-employed, not-working or retired");
            }

            var periodText = parsed.GetValue(period);
            var payPeriod = PayPeriods.FromCode(periodText);
            if (periodText is not null && payPeriod is null)
            {
                return await RefuseAsync(host, name, "--pay-period: must be weekly, monthly or daily");
            }

            Money? netPay = null;
            if (parsed.GetValue(net) is { } netText)
            {
                if (!MoneyText.TryParse(netText, out var money, out var error))
                {
                    return await RefuseAsync(host, name, $"--net-pay: {error}");
                }

                netPay = money;
            }

            var details = parsed.GetValue(employer) is { } employerName
                ? new EmployerDetails(employerName, parsed.GetValue(address) ?? "", parsed.GetValue(postcode) ?? "", parsed.GetValue(contact) ?? "")
                : null;
            var reply = new RecordInformationReply.Reply(parsed.GetValue(request), parsed.GetValue(date) ?? UkTime.Today(host.Clock), working, details,
                parsed.GetValue(payroll) ?? "", payPeriod, netPay,
                [.. (parsed.GetValue(benefits) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)], parsed.GetValue(note) ?? "");
            return await RunAsync(host, parsed, council, name,
                (c, tx, id) => RecordInformationReply.HandleAsync(c, tx, id, reply, host.Actor, host.Clock.GetCurrentInstant()),
                recorded => $"Reply {recorded.ReplyId} recorded" + (recorded.EmployerId is { } e ? $" (employer {e})" : "") +
                    (recorded.Deduction is { } d ? $". An attachment of earnings order would take {d.Deduction.ToDisplayString()} from each pay ({d.Percent}%, CTAE Regs 1992 Sch 4)." : "."), ct);
        });
        return command;
    }

    private static Command FlagUnansweredCommand(CliHost host)
    {
        var date = CliOptions.Date("--date", "The day to check (default today)");
        var council = Council();
        var command = new Command("flag-unanswered", "Flag information requests not answered within their 14 days") { date, council };
        command.SetAction((parsed, ct) => RunAsync(host, parsed, council, Name + " flag-unanswered",
            async (c, tx, id) => (Outcome<IReadOnlyList<InformationRequest>>)new Outcome<IReadOnlyList<InformationRequest>>.Done(await FlagUnansweredRequests.HandleAsync(
                c, tx, id, parsed.GetValue(date) ?? UkTime.Today(host.Clock), host.Actor, host.Clock.GetCurrentInstant())),
            flagged => flagged.Count == 0
                ? "No request is past its reply date without a reply."
                : $"{flagged.Count} request(s) flagged with no reply: {string.Join(", ", flagged.Select(r => $"{r.RequestId} (person {r.PartyId}, due {DateText.FormatIso(r.ReplyDue)})"))}.", ct));
        return command;
    }

    private static Command MakeOrderCommand(CliHost host)
    {
        var order = Id("--order", "The liability order (its id from `reeve enforcement liability-orders`)");
        var person = Id("--person", "The debtor (a person liable under the order) whose newest reply names the employer");
        var date = CliOptions.Date("--date", "The day the order is made (default today)");
        var council = Council();
        var command = new Command("make-order", "Make an attachment of earnings order to the debtor's employer (regs 37-39)") { order, person, date, council };
        command.SetAction((parsed, ct) => RunAsync(host, parsed, council, Name + " make-order",
            (c, tx, id) => MakeAttachmentOrder.HandleAsync(c, tx, id,
                new MakeAttachmentOrder.Request(parsed.GetValue(order), parsed.GetValue(person), parsed.GetValue(date) ?? UkTime.Today(host.Clock)),
                host.Actor, host.Clock.GetCurrentInstant()),
            made => $"Attachment of earnings order {made.Order.OrderId} to {made.Employer.Name} for {made.Order.OrderSum.ToDisplayString()}: " +
                $"{made.Order.Deduction.ToDisplayString()} from each {made.Order.PayPeriod.Code()} pay; priority {made.Priority}.\n" +
                string.Join("\n", made.Explanation.Select(s => $"  {s.Amount.ToDisplayString(),12}  {s.Step} [{s.Source}]")), ct));
        return command;
    }

    private static Command EndPaidCommand(CliHost host)
    {
        var date = CliOptions.Date("--date", "The day to check payments by (default today)");
        var council = Council();
        var command = new Command("end-paid-orders", "End attachment of earnings orders whose liability order is paid") { date, council };
        command.SetAction((parsed, ct) => RunAsync(host, parsed, council, Name + " end-paid-orders",
            async (c, tx, id) => (Outcome<IReadOnlyList<AttachmentOrder>>)new Outcome<IReadOnlyList<AttachmentOrder>>.Done(await EndPaidAttachmentOrders.HandleAsync(
                c, tx, id, parsed.GetValue(date) ?? UkTime.Today(host.Clock), host.Actor, host.Clock.GetCurrentInstant())),
            ended => ended.Count == 0 ? "No order in force has been paid off." : $"{ended.Count} order(s) ended as paid: {string.Join(", ", ended.Select(o => o.OrderId))}.", ct));
        return command;
    }

    private static Command ImportRemittanceCommand(CliHost host)
    {
        var employer = Id("--employer", "The employer the schedule is from");
        var file = new Option<string>("--file") { Description = "The schedule: CSV with the header " + string.Join(',', RemittanceSchedule.Header), HelpName = "file", Required = true };
        var date = CliOptions.Date("--date", "The day the schedule and its money were received (default today)");
        var council = Council();
        var command = new Command("import-remittance", "Import an employer's remittance schedule: post each deduction, raise missing or short ones for chasing")
        {
            employer, file, date, council,
        };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = Name + " import-remittance";
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await RefuseAsync(host, name, $"--file: there is no file at {path}");
            }

            var content = await File.ReadAllBytesAsync(path, ct);
            using var db = CliOptions.OpenDatabase(parsed, host);
            var chosen = await CouncilChoice.ChooseAsync(db, parsed.GetValue(council), ct);
            if (chosen.Problem is { } problem)
            {
                return await RefuseAsync(host, name, problem);
            }

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            switch (await ImportRemittance.HandleAsync(connection, tx, chosen.Id!.Value,
                        new ImportRemittance.Request(parsed.GetValue(employer), Path.GetFileName(path), content, parsed.GetValue(date) ?? UkTime.Today(host.Clock)),
                        host.Actor, host.Clock.GetCurrentInstant()))
            {
                case ImportRemittance.Result.Imported { Report: var r }:
                    await tx.CommitAsync(ct);
                    host.Out.MarkupLine(Markup.Escape(
                        $"Import {r.ImportId}: {r.Lines} deduction(s), {r.Total.ToDisplayString()} posted; {r.Chases.Count} raised for chasing" +
                        (r.Chases.Count > 0 ? $" ({string.Join(", ", r.Chases.Select(c => $"order {c.OrderId} {c.Kind}"))})" : "") +
                        $"; {r.Ended.Count} order(s) paid off and ended."));
                    return ReeveCli.Ok;
                case ImportRemittance.Result.AlreadyImported again:
                    host.Out.MarkupLine(Markup.Escape($"{Path.GetFileName(path)} was already imported (import {again.ImportId}); nothing was posted."));
                    return ReeveCli.Ok;
                case ImportRemittance.Result.Refused refused:
                    return await RefuseAsync(host, name, $"{Path.GetFileName(path)} was refused and nothing was posted. {refused.Where}: {refused.Message}");
                default:
                    throw new InvalidOperationException("Unexpected import outcome");
            }
        });
        return command;
    }
}
