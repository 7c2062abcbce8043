using System.Data.Common;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;

namespace Reeve.Cases;

/// <summary>A decided change to a case: the case as it will stand, and the history line that says what happened and when.</summary>
internal sealed record CaseStep(CaseFile File, string EventKind, LocalDate On, PauseReason? Pause, string Detail);

/// <summary>
/// Runs one change to an existing case: reads it with its history and clock, lets the use case decide (a pure
/// function of what it read), reads the clock again with the new history line, and saves through
/// <see cref="CaseStore.SaveAsync"/>, all in the caller's transaction.
/// </summary>
internal static class CaseWork
{
    public static async Task<Outcome<CaseWithClock>> ChangeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, string officer, Instant now,
        Func<CaseWithClock, Outcome<CaseStep>> decide, bool allowClosed = false)
    {
        var file = await CaseStore.GetAsync(connection, council, caseId, tx);
        if (file is null)
        {
            return new Outcome<CaseWithClock>.NotFound($"case {caseId}");
        }

        if (file.State == CaseState.Closed && !allowClosed)
        {
            return new Outcome<CaseWithClock>.Conflict($"{file.Reference} is closed");
        }

        var current = await CaseStore.WithClockAsync(connection, council, file, tx);
        switch (decide(current))
        {
            case Outcome<CaseStep>.Done { Value: var step }:
                var history = current.History.Append(new CaseEvent(long.MaxValue, caseId, step.EventKind, step.On, step.Pause, step.Detail, officer, now)).ToList();
                var councilRows = CouncilClocks.IsCouncilKind(file.Kind) ? await CaseStore.CouncilStagesAsync(connection, council, tx) : [];
                var clock = CaseStore.Clock(step.File, history, councilRows).Clock;
                var next = step.File.State == CaseState.Closed
                    ? step.File
                    : step.File with { Deadline = clock.Deadline, State = clock.Paused ? CaseState.Paused : CaseState.Open };
                await CaseStore.SaveAsync(connection, tx, council, next, step.EventKind, step.On, step.Pause, step.Detail, officer, now);
                return await CaseStore.WithClockAsync(connection, council, next, tx);
            case Outcome<CaseStep>.Invalid i:
                return new Outcome<CaseWithClock>.Invalid(i.Field, i.Message);
            case Outcome<CaseStep>.Conflict c:
                return new Outcome<CaseWithClock>.Conflict(c.Message);
            case Outcome<CaseStep>.NotFound n:
                return new Outcome<CaseWithClock>.NotFound(n.What);
            default:
                throw new InvalidOperationException("Unexpected outcome");
        }
    }

    /// <summary>Why a date given for a step cannot be used (before the stage began or in the future), or null.</summary>
    public static string? RefuseDate(CaseFile file, LocalDate on, LocalDate today, string what) =>
        on > today ? $"The date {what} must be today or in the past"
        : on < file.StageStartedOn ? $"The date {what} must be on or after {DateText.FormatLong(file.StageStartedOn)}, when the clock started"
        : null;

    public static string Note(string? note, string field, bool required, out Outcome<CaseStep>? refused)
    {
        var text = (note ?? "").Trim();
        refused = required && text.Length == 0 ? new Outcome<CaseStep>.Invalid(field, "Enter the reason")
            : text.Length > 1_000 ? new Outcome<CaseStep>.Invalid(field, "The reason must be 1,000 characters or fewer")
            : null;
        return text;
    }
}
