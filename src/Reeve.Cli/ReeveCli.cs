using System.CommandLine;
using NodaTime;
using Reeve.Cli.Features.Benchmark;
using Reeve.Cli.Features.Calculate;
using Reeve.Cli.Features.CreateDemoCouncil;
using Reeve.Cli.Features.MigrateDatabase;
using Reeve.BusinessRates;
using Reeve.CouncilTax;

namespace Reeve.Cli;

/// <summary>
/// The `reeve` command. Exit codes: 0 done; 1 something went wrong that is not the caller's fault (the
/// database is unreachable, a bug); 2 the caller asked for something that cannot be done (malformed
/// arguments, invalid calculator input, a demo over an existing council), with nothing written.
/// </summary>
public static class ReeveCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, new CliHost(stdin, stdout, stderr, SystemClock.Instance, Environment.GetEnvironmentVariable));

    internal static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        // The debt streams this build offers (recovery and letters ask for them by account kind).
        CouncilTaxModule.Register();
        Reeve.Sundry.SundryModule.Register();
        Reeve.Overpayments.OverpaymentsModule.Register();
        BusinessRatesModule.Register();
        Reeve.People.PeopleModule.Register(); // its daily duties (Breathing Space ends, broken arrangements)
        var root = Build(host);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
            {
                await host.Stderr.WriteLineAsync($"reeve: {error}");
            }

            await host.Stderr.WriteLineAsync($"Run 'reeve {CommandPath(parsed)}--help' for usage.");
            return Refused;
        }

        var invocation = new InvocationConfiguration { Output = host.Stdout, Error = host.Stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(invocation, ct);
        }
        catch (OperationCanceledException)
        {
            await host.Stderr.WriteLineAsync("reeve: cancelled");
            return Failed;
        }
        catch (Exception ex)
        {
            await host.Stderr.WriteLineAsync($"reeve: {ex.Message}");
            await host.Stderr.WriteLineAsync(ex.ToString());
            return Failed;
        }
    }

    private static RootCommand Build(CliHost host)
    {
        var root = new RootCommand("Reeve: council tax, business rates and sundry debt for UK councils.");
        root.Options.Add(CliOptions.Database());
        root.Subcommands.Add(MigrateCommand.Create(host));
        root.Subcommands.Add(DemoCommand.Create(host));
        root.Subcommands.Add(CalcCommand.Create(host));
        root.Subcommands.Add(BenchCommand.Create(host));
        root.Subcommands.Add(Features.ImportBandSchedule.ValuationCommand.Create(host));
        root.Subcommands.Add(Features.RaiseAnnualBills.BillingCommand.Create(host));
        root.Subcommands.Add(Features.RenderLetters.LettersCommand.Create(host));
        root.Subcommands.Add(Features.ImportPayments.PaymentsCommand.Create(host));
        root.Subcommands.Add(Features.ImportAruddReport.DirectDebitCommand.Create(host));
        root.Subcommands.Add(Features.RefundCredits.RefundsCommand.Create(host)); // `reeve refunds pay`, as officers say it; also under `payments`
        root.Subcommands.Add(Features.PersonCasework.PeopleCommands.Arrangements(host));
        root.Subcommands.Add(Features.PersonCasework.PeopleCommands.BreathingSpace(host));
        root.Subcommands.Add(Features.FuzzParsers.FuzzCommand.Create(host));
        root.Subcommands.Add(Features.RunRecovery.RecoveryCommand.Create(host));
        root.Subcommands.Add(Features.ImportInvoices.SundryCommand.Create(host));
        root.Subcommands.Add(Features.Overpayments.OverpaymentsCommand.Create(host));
        root.Subcommands.Add(Features.Rates.RatesCommand.Create(host));
        root.Subcommands.Add(Features.Enforcement.EnforcementCommand.Create(host));
        root.Subcommands.Add(Features.RunJobs.JobsCommand.Create(host));
        root.Subcommands.Add(Features.LoadOpeningData.LoadCommand.Create(host));
        return root;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }
}
