using System.CommandLine;
using Reeve.Persistence;
using Spectre.Console;

namespace Reeve.Cli.Features.MigrateDatabase;

/// <summary>`reeve db migrate`: brings the schema up to date and says which migrations it applied.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliHost host)
    {
        var migrate = new Command("migrate", "Apply any migrations the database has not had yet");
        migrate.SetAction(async (parsed, ct) =>
        {
            using var db = CliOptions.OpenDatabase(parsed, host);
            var result = await MigrationRunner.MigrateAsync(db, ct);
            Report(host.Out, db, result);
            return ReeveCli.Ok;
        });

        var command = new Command("db", "Look after the database");
        command.Subcommands.Add(migrate);
        return command;
    }

    public static void Report(IAnsiConsole console, ReeveDatabase db, MigrationRunner.Result result)
    {
        foreach (var name in result.Applied)
        {
            console.MarkupLine($"Applied [green]{Markup.Escape(name)}[/]");
        }

        console.MarkupLine(result.Applied.Count == 0
            ? $"{Markup.Escape(db.Describe())} is up to date ({result.AlreadyApplied} migrations already applied)."
            : $"{Markup.Escape(db.Describe())}: applied {result.Applied.Count}, {result.AlreadyApplied} already applied before.");
    }
}
