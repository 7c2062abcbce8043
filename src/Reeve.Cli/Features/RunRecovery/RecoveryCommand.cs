using System.CommandLine;
using System.Globalization;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Recovery.Domain;
using Spectre.Console;

namespace Reeve.Cli.Features.RunRecovery;

/// <summary>
/// `reeve recovery`: the recovery run (`run --date D --preview` writes nothing; `run --date D` prepares today's run;
/// approval by a Team Leader who did not prepare it, in the signed-in app; `execute --run N`), the runs list, costs, and the
/// magistrates' court (`court add`, `court list`, `court complaints`, `court outcomes`).
/// </summary>
internal static class RecoveryCommand
{
    private const string Name = "reeve recovery";

    /// <summary>How many per-account lines a report prints before it gives only their number.</summary>
    public const int LinesListed = 30;

    public static Command Create(CliHost host)
    {
        var command = new Command("recovery", "Council tax and business rates recovery: runs, costs and the magistrates' court");
        command.Subcommands.Add(Run(host));
        command.Subcommands.Add(Approve(host));
        command.Subcommands.Add(Execute(host));
        command.Subcommands.Add(Runs(host));
        command.Subcommands.Add(Costs(host));
        command.Subcommands.Add(Profile(host));
        command.Subcommands.Add(Court(host));
        return command;
    }

    private static Option<int?> Council() => new("--council") { Description = "The council (needed when the database holds several)", HelpName = "N" };

    private static async Task<CouncilId?> CouncilAsync(CliHost host, ReeveDatabase db, int? given, string command, CancellationToken ct)
    {
        var chosen = await CouncilChoice.ChooseAsync(db, given, ct);
        if (chosen.Problem is { } problem)
        {
            await host.Stderr.WriteLineAsync($"{command}: {problem}");
            return null;
        }

        return chosen.Id;
    }

    private static async Task<int> RefuseAsync<T>(CliHost host, string command, Outcome<T> outcome)
    {
        var message = outcome switch
        {
            Outcome<T>.Invalid invalid => $"--{invalid.Field}: {invalid.Message}",
            Outcome<T>.NotFound notFound => $"there is no {notFound.What}",
            Outcome<T>.Conflict conflict => conflict.Message,
            _ => "refused",
        };
        await host.Stderr.WriteLineAsync($"{command}: {message}");
        return ReeveCli.Refused;
    }

    private static Command Run(CliHost host)
    {
        var date = CliOptions.Date("--date", "The run date (default: today in the UK)");
        var preview = new Option<bool>("--preview") { Description = "Work out every account's next step and why, writing nothing" };
        var account = new Option<string?>("--account") { Description = "Preview one account only", HelpName = "REF" };
        var all = new Option<bool>("--all") { Description = "List every account in the report, not only the first " + LinesListed };
        var council = Council();
        var command = new Command("run", "Preview a recovery run, or prepare today's run for a Team Leader to approve") { date, preview, account, all, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            const string name = Name + " run";
            if (await CouncilAsync(host, db, parsed.GetValue(council), name, ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            var today = UkTime.Today(host.Clock);
            long? only = null;
            if (parsed.GetValue(account) is { Length: > 0 } reference)
            {
                await using var connection = await db.OpenAsync(ct);
                if (!AccountReference.TryParse(reference, out var parsedReference, out var error)
                    || await Reeve.Ledger.AccountStore.FindByReferenceAsync(connection, id, parsedReference) is not { } found)
                {
                    await host.Stderr.WriteLineAsync($"{name}: --account: there is no account {reference}");
                    return ReeveCli.Refused;
                }

                only = found.AccountId;
            }

            var options = new RecoveryRunOptions(id, parsed.GetValue(date) ?? today, today, host.Actor, OnlyAccount: only);
            Outcome<RecoveryRunReport> outcome;
            await using (var connection = await db.OpenAsync(ct))
            {
                if (parsed.GetValue(preview) || only is not null)
                {
                    outcome = await PreviewRecoveryRun.HandleAsync(connection, null, options, ct);
                }
                else
                {
                    await using var tx = await connection.BeginTransactionAsync(ct);
                    outcome = await PrepareRecoveryRun.HandleAsync(connection, tx, options, host.Clock.GetCurrentInstant(), ct);
                    if (outcome is Outcome<RecoveryRunReport>.Done)
                    {
                        await tx.CommitAsync(ct);
                    }
                }
            }

            if (outcome is not Outcome<RecoveryRunReport>.Done { Value: var report })
            {
                return await RefuseAsync(host, name, outcome);
            }

            Print(host.Out, report, parsed.GetValue(all));
            return ReeveCli.Ok;
        });
        return command;
    }

    /// <summary>
    /// Approval is a Team Leader's, and only the signed-in app knows who is signed in: the command line used to take
    /// `--officer` on trust, so anyone who could run `reeve` could approve as anyone (issue 19). It now says where to approve.
    /// </summary>
    private static Command Approve(CliHost host)
    {
        var run = new Option<int>("--run") { Description = "The run to approve", HelpName = "N", Required = true };
        var council = Council();
        var command = new Command("approve", "Where to approve a prepared run: in the signed-in app, by a Team Leader or Manager who did not prepare it") { run, council };
        command.SetAction(async (parsed, ct) =>
        {
            await host.Stderr.WriteLineAsync(
                $"{Name} approve: a run is approved in the signed-in app, which knows who the approver is: a Team Leader or Manager who did not prepare " +
                $"run {parsed.GetValue(run)} approves it at /recovery/runs/{parsed.GetValue(run)}. Nothing was approved.");
            return ReeveCli.Refused;
        });
        return command;
    }

    private static Command Execute(CliHost host)
    {
        var run = new Option<int>("--run") { Description = "The approved run to execute (or to carry on, if it stopped)", HelpName = "N", Required = true };
        var council = Council();
        var command = new Command("execute", "Execute an approved run: notices, loss of instalments, summonses with costs, account events") { run, council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), Name + " execute", ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            var outcome = await ExecuteRecoveryRun.HandleAsync(db, id, parsed.GetValue(run), UkTime.Today(host.Clock), host.Actor, host.Clock, ct: ct);
            if (outcome is not Outcome<RecoveryRunReport>.Done { Value: var report })
            {
                return await RefuseAsync(host, Name + " execute", outcome);
            }

            Print(host.Out, report, false);
            return ReeveCli.Ok;
        });
        return command;
    }

    private static Command Runs(CliHost host)
    {
        var council = Council();
        var command = new Command("runs", "List the recovery runs, newest first") { council };
        command.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), Name + " runs", ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            await using var connection = await db.OpenAsync(ct);
            var table = new Table().AddColumns("Run", "Date", "Status", "Prepared by", "Approved by", "Notices", "Counts");
            foreach (var r in await ListRecoveryRuns.HandleAsync(connection, id))
            {
                table.AddRow($"{r.RunId}", DateText.Iso.Format(r.RunDate), r.Status, Markup.Escape(r.PreparedBy), Markup.Escape(r.ApprovedBy ?? "-"), $"{r.Notices:N0}", Markup.Escape(r.Summary));
            }

            host.Out.Write(table);
            return ReeveCli.Ok;
        });
        return command;
    }

    private static Command Costs(CliHost host)
    {
        var kind = new Option<string>("--kind") { Description = "council-tax or business-rates", DefaultValueFactory = _ => "council-tax" };
        var from = CliOptions.Date("--from", "The first day the costs apply");
        from.Required = true;
        var summons = new Option<string>("--summons") { Description = "Costs added when a summons is issued, in pounds (e.g. 70.00)", Required = true };
        var order = new Option<string>("--liability-order") { Description = "Costs added when the court makes a liability order, in pounds", Required = true };
        var basis = new Option<string>("--basis") { Description = "How the costs were worked out (the court asks whether they were reasonably incurred)", Required = true };
        var council = Council();
        var command = new Command("costs", "Set the council's summons and liability order costs from a date") { kind, from, summons, order, basis, council };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = Name + " costs";
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), name, ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            if (!MoneyText.TryParse(parsed.GetValue(summons), out var summonsCosts, out _) || !MoneyText.TryParse(parsed.GetValue(order), out var orderCosts, out _))
            {
                await host.Stderr.WriteLineAsync($"{name}: --summons and --liability-order must be amounts in pounds and pence, e.g. 70.00");
                return ReeveCli.Refused;
            }

            var accountKind = parsed.GetValue(kind) == "business-rates" ? AccountKind.BusinessRates : AccountKind.CouncilTax;
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var outcome = await RecoverySettings.SetCostsAsync(connection, tx, id,
                new RecoveryCosts(accountKind, parsed.GetValue(from)!.Value, summonsCosts, orderCosts, parsed.GetValue(basis) ?? ""), host.Actor, host.Clock.GetCurrentInstant());
            if (outcome is not Outcome<RecoveryCosts>.Done)
            {
                return await RefuseAsync(host, name, outcome);
            }

            await tx.CommitAsync(ct);
            host.Out.MarkupLine(Markup.Escape($"From {DateText.Iso.Format(parsed.GetValue(from)!.Value)}: summons costs {summonsCosts.ToDisplayString()}, liability order costs {orderCosts.ToDisplayString()}."));
            return ReeveCli.Ok;
        });
        return command;
    }

    private static Command Profile(CliHost host)
    {
        var kind = new Option<string>("--kind") { Description = "council-tax or business-rates", DefaultValueFactory = _ => "council-tax" };
        var fromYear = CliOptions.WholeNumber("--from-year", "The first financial year it applies to, by the year it starts", 0, minimum: 1993, maximum: 9998);
        fromYear.Required = true;
        fromYear.DefaultValueFactory = null;
        var reminder = CliOptions.WholeNumber("--reminder-days", "Days after a missed instalment before a reminder", RecoveryProfile.CouncilTax.ReminderDaysAfterDue, minimum: 1, maximum: 60);
        var summons = CliOptions.WholeNumber("--summons-days", "Days from the balance becoming payable to the summons", RecoveryProfile.CouncilTax.SummonsDaysAfterBalanceDue, minimum: 0, maximum: 120);
        var hearing = CliOptions.WholeNumber("--hearing-days", "Days from service of the summons to the hearing (at least 14)", RecoveryProfile.StatutoryMinimumDaysSummonsToHearing, minimum: 1, maximum: 120);
        var council = Council();
        var command = new Command("profile", "Set the council's recovery timetable for a kind of account from a year on") { kind, fromYear, reminder, summons, hearing, council };
        command.SetAction(async (parsed, ct) =>
        {
            const string name = Name + " profile";
            using var db = CliOptions.OpenDatabase(parsed, host);
            if (await CouncilAsync(host, db, parsed.GetValue(council), name, ct) is not { } id)
            {
                return ReeveCli.Refused;
            }

            var accountKind = parsed.GetValue(kind) == "business-rates" ? AccountKind.BusinessRates : AccountKind.CouncilTax;
            var profile = new RecoveryProfile(parsed.GetValue(reminder), parsed.GetValue(summons), parsed.GetValue(hearing));
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var outcome = await RecoverySettings.SetProfileAsync(connection, tx, id, accountKind, parsed.GetValue(fromYear), profile, host.Actor, host.Clock.GetCurrentInstant());
            if (outcome is not Outcome<ProfileSetting>.Done)
            {
                return await RefuseAsync(host, name, outcome);
            }

            await tx.CommitAsync(ct);
            host.Out.MarkupLine(Markup.Escape($"From {new FinancialYear(parsed.GetValue(fromYear))}: reminders {profile.ReminderDaysAfterDue} days after a missed instalment, summons {profile.SummonsDaysAfterBalanceDue} days after the balance is payable, hearing at least {profile.MinimumDaysSummonsToHearing} days after service."));
            return ReeveCli.Ok;
        });
        return command;
    }

    private static Command Court(CliHost host) =>
        new("court", "Magistrates' court sessions, complaint lists and hearing outcomes")
        {
            CourtCommand.Add(host), CourtCommand.List(host), CourtCommand.Complaints(host), CourtCommand.Outcomes(host),
        };

    internal static void Print(IAnsiConsole console, RecoveryRunReport report, bool all)
    {
        var heading = report.Status switch
        {
            "preview" => $"Preview of a recovery run for {DateText.Iso.Format(report.RunDate)}: nothing was written",
            "prepared" => $"Run {report.RunId} for {DateText.Iso.Format(report.RunDate)} prepared by {report.PreparedBy}; a Team Leader who did not prepare it approves it in the app at /recovery/runs/{report.RunId}",
            _ => $"Run {report.RunId} for {DateText.Iso.Format(report.RunDate)} executed: {report.NoticesWritten:N0} notices and steps recorded",
        };
        console.MarkupLine(Markup.Escape(heading));
        var counts = new Table().AddColumns("Stage", "Accounts");
        foreach (var (stage, count) in report.ByStage)
        {
            counts.AddRow(Markup.Escape(RecoveryStages.Title(stage)), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(counts);
        if (report.Lines.Count == 0)
        {
            return;
        }

        var lines = new Table().AddColumns("Account", "Year", "Stage", "Amount", "Why", "Source");
        foreach (var l in all ? report.Lines : report.Lines.Take(LinesListed))
        {
            lines.AddRow(Markup.Escape(l.Reference), l.Year.ToString(), Markup.Escape(l.Stage), Markup.Escape(l.Amount.ToDisplayString()), Markup.Escape(l.Reason), Markup.Escape(l.Source));
        }

        console.Write(lines);
        if (!all && report.Lines.Count > LinesListed)
        {
            console.MarkupLine($"and {report.Lines.Count - LinesListed:N0} more (--all lists them).");
        }
    }
}
