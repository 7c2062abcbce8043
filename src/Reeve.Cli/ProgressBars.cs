using Spectre.Console;

namespace Reeve.Cli;

/// <summary>
/// One Spectre progress bar per stage, fed synchronously by the work's IProgress reports (System.Progress
/// would post them to the thread pool and race the display). A new stage completes the ones before it.
/// </summary>
internal sealed class ProgressBars(ProgressContext context)
{
    private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<ProgressBars, Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bars = new ProgressBars(context);
                var result = await work(bars);
                bars.CompleteAll();
                return result;
            });

    public IProgress<T> For<T>(Func<T, (string Stage, double Done, double Total)> read) => new Reporter<T>(this, read);

    private void Report(string stage, double done, double total)
    {
        lock (_lock)
        {
            if (!_bars.TryGetValue(stage, out var bar))
            {
                CompleteAll();
                bar = context.AddTask(Markup.Escape(stage), maxValue: Math.Max(total, 1));
                _bars[stage] = bar;
            }

            bar.MaxValue = Math.Max(total, 1);
            bar.Value = Math.Min(done, bar.MaxValue);
        }
    }

    private void CompleteAll()
    {
        foreach (var bar in _bars.Values.Where(b => !b.IsFinished))
        {
            bar.Value = bar.MaxValue;
            bar.StopTask();
        }
    }

    private sealed class Reporter<T>(ProgressBars bars, Func<T, (string Stage, double Done, double Total)> read) : IProgress<T>
    {
        public void Report(T value)
        {
            var (stage, done, total) = read(value);
            bars.Report(stage, done, total);
        }
    }
}
