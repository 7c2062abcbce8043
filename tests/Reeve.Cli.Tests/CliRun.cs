using NodaTime;
using Reeve.TestKit;

namespace Reeve.Cli.Tests;

/// <summary>What one in-process run of `reeve` returned and wrote.</summary>
public sealed record CliOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs `reeve` in process, as Program.Main does, with its own streams, a fixed clock and an empty
/// environment (so a REEVE_DB on the machine never leaks into a test).
/// </summary>
public static class CliRun
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 9, 0);

    public static Task<CliOutput> RunWithInputAsync(string stdin, params string[] args) => RunAsync(stdin, (string?)null, args);

    /// <summary>Runs `reeve` as the operating system user <paramref name="user"/> (the environment's USER).</summary>
    public static Task<CliOutput> RunAsUserAsync(string user, params string[] args) => RunAsync("", user, args);

    /// <summary>Runs `reeve` with these environment variables set (and no others).</summary>
    public static Task<CliOutput> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync("", name => environment.GetValueOrDefault(name), args);

    private static Task<CliOutput> RunAsync(string stdin, string? user, string[] args) => RunAsync(stdin, name => name == "USER" ? user : null, args);

    private static async Task<CliOutput> RunAsync(string stdin, Func<string, string?> environment, string[] args)
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new CliHost(input, stdout, stderr, new FakeClock(Now), environment);
        var exit = await ReeveCli.RunAsync(args, host);
        return new CliOutput(exit, stdout.ToString(), stderr.ToString());
    }

    public static Task<CliOutput> RunAsync(params string[] args) => RunWithInputAsync("", args);
}

/// <summary>A folder of its own for each test's database files, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("reeve-cli-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
