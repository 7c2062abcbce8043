using System.Data.Common;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;

namespace Reeve.Cases.Features.PauseClock;

/// <summary>
/// Stops a case's clock while the council waits for the requester (clarification, a fee, proof of identity), and
/// starts it again when that arrives. Only the pauses the clock's rule allows: what each does (the clock starts again,
/// or the days are not counted) is the rule's, with its source.
/// </summary>
public static class PauseClock
{
    public static Task<Outcome<CaseWithClock>> PauseAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, PauseReason? reason, LocalDate on, string? note, LocalDate today, string officer, Instant now) =>
        CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
        {
            if (reason is not { } why)
            {
                return new Outcome<CaseStep>.Invalid("reason", "Select what the clock is waiting for");
            }

            if (current.Rule.EffectOf(why) == PauseEffect.NotAllowed)
            {
                return new Outcome<CaseStep>.Invalid("reason", $"The clock for a {current.Case.Kind.Title().ToLowerInvariant()} does not stop for that ({current.Rule.Source})");
            }

            if (current.Clock.Paused)
            {
                return new Outcome<CaseStep>.Conflict("The clock is already paused");
            }

            if (CaseWork.RefuseDate(current.Case, on, today, "the clock stopped") is { } badDate)
            {
                return new Outcome<CaseStep>.Invalid("on", badDate);
            }

            var text = CaseWork.Note(note, "note", required: false, out var refused);
            return refused ?? new CaseStep(current.Case, "paused", on, why, why.Title() + (text.Length > 0 ? $": {text}" : ""));
        });

    public static Task<Outcome<CaseWithClock>> ResumeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, LocalDate on, string? note, LocalDate today, string officer, Instant now) =>
        CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
        {
            var since = current.History.LastOrDefault(e => e.Kind is "paused" or "resumed");
            if (!current.Clock.Paused || since is not { Kind: "paused" })
            {
                return new Outcome<CaseStep>.Conflict("The clock is not paused");
            }

            if (on < since.On || on > today)
            {
                return new Outcome<CaseStep>.Invalid("on", $"The date it arrived must be between {DateText.FormatLong(since.On)} and today");
            }

            var text = CaseWork.Note(note, "note", required: false, out var refused);
            return refused ?? new CaseStep(current.Case, "resumed", on, since.PauseReason, "Clock restarted" + (text.Length > 0 ? $": {text}" : ""));
        });
}
