using Reeve.Kernel;
using Reeve.Officers;

namespace Reeve.Jobs;

/// <summary>A job runs for every council on the installation, each on its own, and sums up what it did for each.</summary>
internal static class Councils
{
    public static async Task<JobDone> EachAsync(JobContext context, Func<CouncilId, Task<string?>> run, string nothing, CancellationToken ct)
    {
        var done = await EachAsync(context, async c => (await run(c), false), nothing, ct);
        return done;
    }

    public static async Task<JobDone> EachAsync(JobContext context, Func<CouncilId, Task<(string? Line, bool Refused)>> run, string nothing, CancellationToken ct)
    {
        var refused = false;
        IReadOnlyList<Council> councils;
        await using (var connection = await context.Db.OpenAsync(ct))
        {
            councils = await CouncilStore.AllAsync(connection);
        }

        var said = new List<string>();
        foreach (var council in councils)
        {
            ct.ThrowIfCancellationRequested();
            var (line, wasRefused) = await run(council.Id);
            refused |= wasRefused;
            if (line is { Length: > 0 })
            {
                said.Add(councils.Count == 1 ? line : $"{council.Name}: {line}");
            }
        }

        return new JobDone(said.Count == 0 ? nothing : string.Join(" ", said), refused);
    }

    /// <summary>The day's words when today is not a working day (Kernel's England and Wales calendar, which Bacs follows).</summary>
    public static JobDone? NotAWorkingDay(JobContext context, string soNothing) =>
        JobContext.Calendar.IsWorkingDay(context.Today) ? null : new JobDone($"{DateText.LongForm.Format(context.Today)} is not a working day: {soNothing}");

    public static string Plural(int count, string one, string many) => count == 1 ? $"1 {one}" : $"{count:N0} {many}";
}
