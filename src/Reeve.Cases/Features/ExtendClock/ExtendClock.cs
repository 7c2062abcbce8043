using System.Data.Common;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;

namespace Reeve.Cases.Features.ExtendClock;

/// <summary>
/// Extends a clock where the law allows it: a subject access request by two further months for a complex or numerous
/// request (UK GDPR Art 12(3)), an EIR request to 40 working days (reg 7(1)); in each case before the first deadline,
/// with the reason, which the requester must be told.
/// </summary>
public static class ExtendClock
{
    public static Task<Outcome<CaseWithClock>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, string? reason, LocalDate today, string officer, Instant now) =>
        CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
        {
            if (current.Clock.Paused)
            {
                return new Outcome<CaseStep>.Conflict("Restart the clock before extending it");
            }

            if (CaseClock.RefuseExtension(current.Rule, current.Clock, today) is { } refusal)
            {
                return new Outcome<CaseStep>.Conflict(refusal);
            }

            var text = CaseWork.Note(reason, "reason", required: true, out var refused);
            return refused ?? new CaseStep(current.Case, "extended", today, null, $"Extended ({current.Rule.ExtensionSource}): {text}");
        });
}
