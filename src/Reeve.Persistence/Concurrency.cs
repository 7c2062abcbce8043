namespace Reeve.Persistence;

/// <summary>
/// Optimistic concurrency: every aggregate an officer edits carries a version. An update says which
/// version it read; if someone saved first, nothing is written and the officer is told.
/// </summary>
public static class Concurrency
{
    public const string ConflictMessage = "Someone else changed this record while you were working on it. Reload it and try again.";
}
