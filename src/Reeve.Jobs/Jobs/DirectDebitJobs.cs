using Reeve.Kernel;
using Reeve.Payments;

namespace Reeve.Jobs;

/// <summary>
/// Writes the AUDDIS lodgement of every instruction waiting, on each Bacs processing day, to the council's Direct Debit
/// out folder, as `reeve dd lodge` does. Each instruction is lodged once; a second run the same day writes nothing new.
/// </summary>
internal sealed class LodgeMandatesJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("lodge-mandates", "Lodge Direct Debit instructions (AUDDIS)", "0 0 16 ? * MON-FRI", "4pm on Bacs processing days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct)
    {
        if (Councils.NotAWorkingDay(context, "nothing lodged.") is { } notToday)
        {
            return notToday;
        }

        return await Councils.EachAsync(context, async council =>
        {
            switch (await LodgeMandates.LodgeAsync(context.Db, council, context.Today, context.Today, JobContext.Calendar, context.Actor, context.Now, ct))
            {
                case LodgeMandates.Result.Done { Lodgement: var l }:
                    var path = await OutFiles.WriteAsync(context.Folders.DirectDebitOut(council), $"auddis-{l.ProcessingDate:uuuuMMdd}-{l.Serial}.txt", l.Content, ct);
                    return $"Lodgement {l.LodgementId}: {l.NewInstructions} new, {l.Cancellations} cancelled, {l.Conversions} converted, written to {Path.GetFileName(path)}.";
                case LodgeMandates.Result.NothingToLodge:
                    return null;
                case LodgeMandates.Result.Refused refused:
                    throw new InvalidOperationException($"Nothing lodged. {refused.Field}: {refused.Message}");
                default:
                    throw new InvalidOperationException("Unexpected lodgement result");
            }
        }, "No instruction was waiting to be lodged.", ct);
    }
}

/// <summary>
/// Collects the instalments due under live mandates on each Bacs processing day: writes the Standard 18 file to the
/// council's Direct Debit out folder and posts the payments, as `reeve dd collect` does, once per processing day.
/// </summary>
internal sealed class CollectDirectDebitsJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("collect-direct-debits", "Collect Direct Debits (Standard 18)", "0 30 16 ? * MON-FRI", "4:30pm on Bacs processing days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct)
    {
        if (Councils.NotAWorkingDay(context, "nothing collected.") is { } notToday)
        {
            return notToday;
        }

        return await Councils.EachAsync(context, async council =>
        {
            switch (await CollectDirectDebits.CollectAsync(context.Db, council, context.Today, context.Today, JobContext.Calendar, context.Actor, context.Now, ct))
            {
                case CollectDirectDebits.Result.Collected { Report: var r }:
                    var path = await OutFiles.WriteAsync(context.Folders.DirectDebitOut(council), $"collection-{r.Run.ProcessingDate:uuuuMMdd}-{r.Run.Serial}.txt", r.Run.Content, ct);
                    return $"Collection run {r.Run.RunId}: {Councils.Plural(r.Run.Collections, "collection", "collections")}, {r.Run.Total.ToDisplayString()}, written to {Path.GetFileName(path)}.";
                case CollectDirectDebits.Result.NothingToCollect:
                    return null;
                case CollectDirectDebits.Result.Refused refused:
                    throw new InvalidOperationException($"Nothing collected. {refused.Field}: {refused.Message}");
                default:
                    throw new InvalidOperationException("Unexpected collection result");
            }
        }, "Nothing was due to collect.", ct);
    }
}

internal static class OutFiles
{
    // Written beside the target and moved into place, so a crash never leaves half a Bacs file under its name.
    public static async Task<string> WriteAsync(string folder, string name, string content, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var full = Path.Combine(folder, name);
        var temporary = full + ".part";
        await File.WriteAllTextAsync(temporary, content, System.Text.Encoding.ASCII, ct);
        File.Move(temporary, full, overwrite: true);
        return full;
    }
}
