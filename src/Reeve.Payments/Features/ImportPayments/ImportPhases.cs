using System.Diagnostics;

namespace Reeve.Payments;

/// <summary>
/// Where a payment import's time went, step by step, summed over its chunks: what <c>reeve bench payments</c>
/// prints beside the whole, so that the steps Payments owns can be told from the ledger's post. The lines are read
/// alongside the database's work, so those two steps overlap the others; the rest add up to the whole.
/// </summary>
public sealed class ImportPhases
{
    public const string Start = "hash the file, record the import";
    public const string Scan = "first pass: the references the lines name";
    public const string Accounts = "find those accounts and what each owes";
    public const string Read = "read and parse the lines (alongside the database)";
    public const string Match = "read each line's reference (alongside the database)";
    public const string Wait = "wait for the next chunk's lines";
    public const string Allocate = "match and split over years";
    public const string Post = "post to the ledger";
    public const string Suspense = "write suspense items";
    public const string Record = "record bank entries, refusing those met before";
    public const string Finish = "take-backs, totals, commit";

    private static readonly string[] Order = [Start, Scan, Accounts, Read, Match, Wait, Record, Allocate, Post, Suspense, Finish];

    private readonly long[] _ticks = new long[Order.Length];

    /// <summary>Each step and its time, in the order an import takes them.</summary>
    public IReadOnlyList<(string Step, TimeSpan Time)> Steps =>
        Order.Select((step, i) => (step, Stopwatch.GetElapsedTime(0, _ticks[i]))).ToList();

    /// <summary>Adds the time since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>) to the step.</summary>
    public void Add(string step, long started)
    {
        var i = Array.IndexOf(Order, step);
        ArgumentOutOfRangeException.ThrowIfNegative(i, nameof(step));
        Interlocked.Add(ref _ticks[i], Stopwatch.GetTimestamp() - started);
    }
}
