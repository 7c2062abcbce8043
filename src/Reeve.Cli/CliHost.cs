using NodaTime;
using Spectre.Console;

namespace Reeve.Cli;

/// <summary>What a command may touch outside itself: its streams, the clock and the environment.</summary>
internal sealed class CliHost(TextReader stdin, TextWriter stdout, TextWriter stderr, IClock clock, Func<string, string?> environment)
{
    public TextReader Stdin { get; } = stdin;
    public TextWriter Stdout { get; } = stdout;
    public TextWriter Stderr { get; } = stderr;
    public IClock Clock { get; } = clock;

    public string? Environment(string name) => environment(name);

    /// <summary>
    /// Who the audit trail and the records name for what this command does: the operating system user, as "cli:&lt;user&gt;".
    /// The command line cannot prove which officer typed it, so it never names one (issue 19); approvals, which must
    /// prove the approver, are given in the signed-in app.
    /// </summary>
    public string Actor => "cli:" + (Environment("USER") is { Length: > 0 } user ? user.Trim() : "unknown");

    /// <summary>Spectre output over stdout: colour and live progress bars on a terminal, plain text otherwise.</summary>
    public IAnsiConsole Out => _out ??= ConsoleFor(Stdout, isTerminal: ReferenceEquals(Stdout, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>Spectre output over stderr, for progress while stdout carries JSON.</summary>
    public IAnsiConsole Err => _err ??= ConsoleFor(Stderr, isTerminal: ReferenceEquals(Stderr, Console.Error) && !Console.IsErrorRedirected);

    private IAnsiConsole? _out;
    private IAnsiConsole? _err;

    private static IAnsiConsole ConsoleFor(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Logs and pipes have no width; keep tables on one line each rather than wrapped at 80.
            console.Profile.Width = 160;
        }

        return console;
    }
}
