namespace Reeve.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => ReeveCli.RunAsync(args, Console.In, Console.Out, Console.Error);
}
