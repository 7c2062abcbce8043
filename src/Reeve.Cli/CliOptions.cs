using System.CommandLine;
using System.Globalization;
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

    public const string DatabaseOption = "--db";

    // A new option per parser: System.CommandLine symbols keep their parents, so one static instance shared
    // by several parsers (tests run them in parallel) confuses them.
    public static Option<string?> Database() => new(DatabaseOption)
    {
        Description = $"A SQLite file path, or a PostgreSQL connection string or postgres:// URL. Default: ${DatabaseVariable}, else {DefaultDatabase}",
        Recursive = true,
        HelpName = "file-or-connection",
    };

    public static string DatabaseSetting(ParseResult parsed, CliHost host) =>
        parsed.GetValue<string?>(DatabaseOption) is { Length: > 0 } given ? given
        : host.Environment(DatabaseVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultDatabase;

    public static ReeveDatabase OpenDatabase(ParseResult parsed, CliHost host) => ReeveDatabase.FromSetting(DatabaseSetting(parsed, host));

    /// <summary>A whole number within a range, written plainly (no separators, no decimals).</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum, int maximum = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name} must be a whole number; '{text}' is not");
                return defaultValue;
            }

            if (value < minimum || value > maximum)
            {
                result.AddError(maximum == int.MaxValue
                    ? $"{name} must be {minimum.ToString("N0", CultureInfo.InvariantCulture)} or more (got {text})"
                    : $"{name} must be from {minimum.ToString("N0", CultureInfo.InvariantCulture)} to {maximum.ToString("N0", CultureInfo.InvariantCulture)} (got {text})");
            }

            return value;
        },
    };

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
