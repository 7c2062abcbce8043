using System.CommandLine;
using System.Text;
using Reeve.Cli.Features.ImportPayments;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;
using Reeve.Overpayments.Features.DeductFromHousingBenefit;
using Reeve.Overpayments.Features.ImportDecisions;
using Reeve.Overpayments.Features.RecordClaims;
using Reeve.Overpayments.Features.ReportSubsidyCounts;
using Spectre.Console;

namespace Reeve.Cli.Features.Overpayments;

/// <summary>
/// `reeve overpayments ...`: Housing Benefit overpayments (docs/domain/hb-overpayments.md). `record-claims FILE` records claims
/// and the people on them; `import-decisions FILE` imports overpayment decisions, all or nothing; `deductions --week-starting D
/// [--record]` shows (and records) the week's deductions from ongoing benefit; `subsidy --year Y [--csv OUT]` the subsidy counts.
/// </summary>
internal static class OverpaymentsCommand
{
    private const string Name = "reeve overpayments";

    public static Command Create(CliHost host) => new("overpayments", "Housing Benefit overpayments: claims, decisions, deductions from ongoing benefit, subsidy counts")
    {
        RecordClaimsCommand(host), ImportDecisionsCommand(host), DeductionsCommand(host), SubsidyCommand(host),
    };

    private static Command RecordClaimsCommand(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The claims file (CSV, header line first)" };
        var council = PaymentsCommand.Council();
        var command = new Command("record-claims", "Record Housing Benefit claims and the people on them from the benefits system") { file, council };
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await PaymentsCommand.RefuseAsync(host, Name, $"file: there is no file at {path}");
            }

            IReadOnlyList<RecordClaims.Claim> claims;
            try
            {
                claims = ClaimFile.Read(await File.ReadAllTextAsync(path, ct));
            }
            catch (CsvFormatException bad)
            {
                return await PaymentsCommand.RefuseAsync(host, Name, $"{bad.Where}: {bad.Message}. Nothing was recorded.");
            }

            return await InTransactionAsync(host, parsed, council, async (connection, tx, id) =>
                await RecordClaims.HandleAsync(connection, tx, id, claims, host.Clock.GetCurrentInstant()) switch
                {
                    Outcome<int>.Done done => $"Recorded {done.Value:N0} claims.",
                    Outcome<int>.Invalid bad => throw new RefusedException($"{bad.Field}: {bad.Message}"),
                    Outcome<int>.NotFound missing => throw new RefusedException($"there is no {missing.What}"),
                    var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
                }, ct);
        });
        return command;
    }

    private static Command ImportDecisionsCommand(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The decisions file (CSV, header line first)" };
        var council = PaymentsCommand.Council();
        var command = new Command("import-decisions", "Import overpayment decisions: each recoverable one a debt charged through the ledger, with its decision notice queued") { file, council };
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return await PaymentsCommand.RefuseAsync(host, Name, $"file: there is no file at {path}");
            }

            var content = await File.ReadAllBytesAsync(path, ct);
            return await InTransactionAsync(host, parsed, council, async (connection, tx, id) =>
            {
                var request = new ImportDecisions.Request(id, Path.GetFileName(path), content, UkTime.Today(host.Clock), Name + " import-decisions");
                return await ImportDecisions.HandleAsync(connection, tx, request, host.Clock.GetCurrentInstant(), ct) switch
                {
                    ImportDecisions.Result.Imported { Report: var r } =>
                        $"Imported {request.FileName} as import {r.ImportId}: {r.Lines:N0} lines; {r.Recoverable:N0} recoverable decisions charged {r.Charged.ToDisplayString()}, " +
                        $"{r.Irrecoverable:N0} irrecoverable, {r.Revisions:N0} revisions (charges reversed {r.Reversed.ToDisplayString()}), {r.AlreadyImported:N0} imported before, " +
                        $"{r.Notices:N0} decision notices queued.",
                    ImportDecisions.Result.AlreadyImported a => $"This file was already imported as import {a.ImportId}. Nothing was posted this time.",
                    ImportDecisions.Result.Refused refused => throw new RefusedException(
                        $"{request.FileName} was refused and nothing was posted:\n" + string.Join('\n', refused.Problems.Select(p => $"  {p.Where}: {p.Message}"))),
                    var other => throw new InvalidOperationException($"Unexpected result {other}"),
                };
            }, ct);
        });
        return command;
    }

    private static Command DeductionsCommand(CliHost host)
    {
        var week = CliOptions.Date("--week-starting", "The Monday the benefit week starts");
        week.Required = true;
        var record = new Option<bool>("--record") { Description = "Record the deductions as payments on the debts (once per debt and week)" };
        var council = PaymentsCommand.Council();
        var command = new Command("deductions", "The week's deductions from ongoing Housing Benefit (HB Regs 2006 reg 102)") { week, record, council };
        command.SetAction(async (parsed, ct) =>
        {
            var monday = parsed.GetValue(week)!.Value;
            return await InTransactionAsync(host, parsed, council, async (connection, tx, id) =>
            {
                var lines = await DeductFromHousingBenefit.ScheduleAsync(connection, tx, id, monday) switch
                {
                    Reeve.Kernel.Outcome<IReadOnlyList<DeductFromHousingBenefit.Line>>.Done done => done.Value,
                    Reeve.Kernel.Outcome<IReadOnlyList<DeductFromHousingBenefit.Line>>.Invalid bad => throw new RefusedException($"--week-starting: {bad.Message}"),
                    var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
                };
                var table = new Table().AddColumns("Claim", "Decision", "Account", "Rate", "Deduction", "Recorded");
                foreach (var l in lines)
                {
                    table.AddRow(Markup.Escape(l.Deduction.ClaimReference), Markup.Escape(l.Deduction.DecisionReference), l.Deduction.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        l.Deduction.Rate, Markup.Escape(l.Deduction.Amount.ToDisplayString()), l.Recorded ? "yes" : "no");
                }

                host.Out.Write(table);
                if (!parsed.GetValue(record))
                {
                    return $"{lines.Count:N0} deductions for the week from {DateText.FormatIso(monday)}, {Money.Sum(lines.Select(l => l.Deduction.Amount)).ToDisplayString()}. Add --record to record them.";
                }

                return await DeductFromHousingBenefit.RecordAsync(connection, tx, id, monday, Name + " deductions", host.Clock.GetCurrentInstant()) switch
                {
                    Reeve.Kernel.Outcome<DeductFromHousingBenefit.Recorded>.Done { Value: var r } =>
                        $"Recorded {r.Deductions:N0} deductions, {r.Total.ToDisplayString()}, as payments; {r.AlreadyRecorded:N0} were recorded before.",
                    var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
                };
            }, ct);
        });
        return command;
    }

    private static Command SubsidyCommand(CliHost host)
    {
        var year = CliOptions.WholeNumber("--year", "The financial year, by the year it starts in (2025 for 2025/26)", 0, minimum: 1993, maximum: 2100);
        year.Required = true;
        var csv = new Option<string?>("--csv") { Description = "Also write the counts to this CSV file", HelpName = "file" };
        var council = PaymentsCommand.Council();
        var command = new Command("subsidy", "Overpayment counts for the Housing Benefit subsidy claim: by cause, recovered, written off") { year, csv, council };
        command.SetAction(async (parsed, ct) =>
            await InTransactionAsync(host, parsed, council, async (connection, tx, id) =>
            {
                var fy = new FinancialYear(parsed.GetValue(year));
                var counts = await ReportSubsidyCounts.HandleAsync(connection, id, fy, tx);
                var table = new Table().AddColumns("Cause", "Count", "Amount", "Recoverable", "Irrecoverable", "Recovered", "Written off");
                foreach (var c in counts)
                {
                    table.AddRow(c.Cause.Code(), $"{c.Count:N0}", Markup.Escape(c.Amount.ToDisplayString()), Markup.Escape(c.Recoverable.ToDisplayString()),
                        Markup.Escape(c.Irrecoverable.ToDisplayString()), Markup.Escape(c.Recovered.ToDisplayString()), Markup.Escape(c.WrittenOff.ToDisplayString()));
                }

                host.Out.Write(table);
                if (parsed.GetValue(csv) is { } path)
                {
                    await File.WriteAllTextAsync(path, ReportSubsidyCounts.Csv(counts), Encoding.UTF8, ct);
                    return $"Subsidy counts for {fy} written to {path}.";
                }

                return $"Subsidy counts for {fy}.";
            }, ct));
        return command;
    }

    private sealed class RefusedException(string message) : Exception(message);

    // Opens the database and one transaction for the chosen council, runs the step and commits; a refusal rolls back and exits 2.
    private static async Task<int> InTransactionAsync(
        CliHost host, ParseResult parsed, Option<int> council, Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CouncilId, Task<string>> step, CancellationToken ct)
    {
        using var db = CliOptions.OpenDatabase(parsed, host);
        var chosen = await CouncilChoice.ChooseAsync(db, PaymentsCommand.GivenCouncil(parsed, council), ct);
        if (chosen.Problem is { } problem)
        {
            return await PaymentsCommand.RefuseAsync(host, Name, problem);
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            var said = await step(connection, tx, chosen.Id!.Value);
            await tx.CommitAsync(ct);
            host.Out.MarkupLine(Markup.Escape(said));
            return ReeveCli.Ok;
        }
        catch (RefusedException refused)
        {
            return await PaymentsCommand.RefuseAsync(host, Name, refused.Message);
        }
    }
}
