namespace Reeve.Bench;

/// <summary>How far a long step of a benchmark has gone, for a progress bar.</summary>
public sealed record BenchProgress(string Stage, long Done, long Total);
