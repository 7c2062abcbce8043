using System.Data.Common;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;

namespace Reeve.Cases.Features.EscalateComplaint;

/// <summary>
/// Takes a complaint to the council's next stage, whose clock starts on the day the complainant asked, even after the
/// earlier stage's answer closed it; after the last stage the complainant may go to the Local Government and Social Care
/// Ombudsman (Local Government Act 1974 s26B: normally within 12 months), which closes the case as referred.
/// </summary>
public static class EscalateComplaint
{
    public static Task<Outcome<CaseWithClock>> EscalateAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, LocalDate on, string? reason, LocalDate today, string officer, Instant now) =>
        CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
        {
            var file = current.Case;
            if (file.Kind != CaseKind.Complaint)
            {
                return new Outcome<CaseStep>.Conflict("Only a complaint has stages to escalate through");
            }

            if (file.Stage >= current.Stages.Count)
            {
                return new Outcome<CaseStep>.Conflict($"{file.Reference} is at the council's last stage: the complainant may refer it to the Ombudsman");
            }

            if (on > today || on < file.StageStartedOn)
            {
                return new Outcome<CaseStep>.Invalid("on", $"The date the complainant asked must be between {DateText.FormatLong(file.StageStartedOn)} and today");
            }

            var text = CaseWork.Note(reason, "reason", required: true, out var refused);
            var next = current.Stages[file.Stage];
            return refused ?? new CaseStep(
                file with { Stage = next.Stage, StageStartedOn = on, State = CaseState.Open, Outcome = null, ClosedOn = null },
                "escalated", on, null, $"Escalated to {next.Name}: {text}");
        }, allowClosed: true);

    public static Task<Outcome<CaseWithClock>> ReferToOmbudsmanAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long caseId, LocalDate on, string? note, LocalDate today, string officer, Instant now) =>
        CaseWork.ChangeAsync(connection, tx, council, caseId, officer, now, current =>
        {
            var file = current.Case;
            if (file.Kind != CaseKind.Complaint || file.Stage < current.Stages.Count)
            {
                return new Outcome<CaseStep>.Conflict("A complaint goes to the Ombudsman only after the council's last stage");
            }

            if (file.Outcome == CaseKinds.ReferredToOmbudsman)
            {
                return new Outcome<CaseStep>.Conflict($"{file.Reference} has already been referred to the Ombudsman");
            }

            if (on > today || on < file.StageStartedOn)
            {
                return new Outcome<CaseStep>.Invalid("on", $"The date of the referral must be between {DateText.FormatLong(file.StageStartedOn)} and today");
            }

            var text = CaseWork.Note(note, "note", required: false, out var refused);
            return refused ?? new CaseStep(
                file with { State = CaseState.Closed, Outcome = CaseKinds.ReferredToOmbudsman, ClosedOn = file.ClosedOn ?? on },
                "referred", on, null, "Referred to the Local Government and Social Care Ombudsman" + (text.Length > 0 ? $": {text}" : ""));
        }, allowClosed: true);
}
