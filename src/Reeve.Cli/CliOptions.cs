using System.CommandLine;
using System.CommandLine.Parsing;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Cli;

/// <summary>Options shared by several commands, and the parsers that make malformed values parse errors.</summary>
internal static class CliOptions
{
    public const string DatabaseVariable = "REEVE_DB";

    /// <summary>The same default the web app uses, so `reeve demo` then the web app shows the demo.</summary>
    public const string DefaultDatabase = "data/reeve.db";

    public static readonly Option<string?> Database = new("--db")
    {
        Description = $"A SQLite file path, or a PostgreSQL connection string or postgres:// URL. Default: ${DatabaseVariable}, else {DefaultDatabase}",
        Recursive = true,
        HelpName = "file-or-connection",
    };

    public static string DatabaseSetting(ParseResult parsed, CliHost host) =>
        parsed.GetValue(Database) is { Length: > 0 } given ? given
        : host.Environment(DatabaseVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultDatabase;

    public static ReeveDatabase OpenDatabase(ParseResult parsed, CliHost host) => ReeveDatabase.FromSetting(DatabaseSetting(parsed, host));

    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum, int maximum = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "N" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
            {
                result.AddError(maximum == int.MaxValue
                    ? $"{name} must be {minimum:N0} or more (got {value})"
                    : $"{name} must be from {minimum:N0} to {maximum:N0} (got {value})");
            }
        });
        return option;
    }

    /// <summary>A date as YYYY-MM-DD that exists in the calendar (2026-02-30 is refused).</summary>
    public static Option<LocalDate?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            var parsed = DateText.Iso.Parse(text);
            if (parsed.Success)
            {
                return parsed.Value;
            }

            result.AddError($"{name} must be a real date written YYYY-MM-DD; '{text}' is not");
            return null;
        },
    };
}
