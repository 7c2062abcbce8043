using Reeve.Kernel;
using Reeve.Letters;
using Reeve.People;

namespace Reeve.Jobs;

/// <summary>
/// Checks every kept arrangement against the payments in the ledger each day, as `reeve arrangements monitor` does: a
/// missed payment gets a letter and a grace period, a second miss breaks the arrangement and ends its holds. A day
/// checked twice finds the same misses already recorded.
/// </summary>
internal sealed class MonitorArrangementsJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("monitor-arrangements", "Monitor arrangements to pay", "0 0 7 * * ?", "7am every day");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct) =>
        await Councils.EachAsync(context, async council =>
        {
            await using var connection = await context.Db.OpenAsync(ct);
            var r = await Arrangements.MonitorAsync(connection, council, context.Today, context.Actor, context.Now, null,
                (c, tx, arrangement, on) => ArrangementLetters.RequestMissedPaymentAsync(c, tx, arrangement, on, council, context.Now));
            return $"{Councils.Plural(r.Checked, "arrangement", "arrangements")} checked: {r.Missed} missed a payment, {r.Broken} broken, {r.Completed} paid in full.";
        }, "No council has arrangements.", ct);
}

/// <summary>
/// Prints the letters queued today, one print run per letter type, into each council's print folder, as
/// `reeve letters print --type T --date D` does. Each notice is stored once; a run again rewrites the same files.
/// </summary>
internal sealed class PrintLettersJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("print-letters", "Print the day's letters", "0 30 17 ? * MON-FRI", "5:30pm on working days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct) =>
        await Councils.EachAsync(context, async council =>
        {
            var said = new List<string>();
            foreach (var type in LetterTypes.All)
            {
                var folder = Path.Combine(context.Folders.Print(council), $"{context.Today:uuuu-MM-dd}", type.Code());
                switch (await RequestPrintRun.PrintAsync(context.Db, new RequestPrintRun.Options(council, type, context.Today, folder, context.Actor), context.Clock, null, ct))
                {
                    case Outcome<RequestPrintResult>.Done { Value: var r }:
                        said.Add($"{type.Code()}: {Councils.Plural(r.Letters.Count, "letter", "letters")} (print run {r.PrintId}{(r.Held.Count > 0 ? $", {r.Held.Count} held: gone away" : "")})");
                        break;
                    case Outcome<RequestPrintResult>.NotFound:
                        break;
                    case var other:
                        throw new InvalidOperationException($"{type.Code()}: unexpected outcome {other}");
                }
            }

            return said.Count == 0 ? null : "Printed " + string.Join("; ", said) + ".";
        }, "No letters were queued today.", ct);
}
