using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Imports an AUDDIS report (formats.md 2.2), all or nothing and once (by SHA-256). Each rejected instruction
/// (record type N or D) marks its mandate rejected with the reason, moves the account to paying by other means
/// and asks for a letter. File-level results (V accepted, R rejected) are kept for an officer; a rejected
/// file's instructions stay lodged in Reeve until an officer sets them up again.
/// </summary>
public static class ImportAuddisReport
{
    public static Task<BacsReportResult> ImportAsync(ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, CancellationToken ct = default) =>
        BacsReportImports.ImportAsync<AuddisReport>(db, council, BacsReportKind.Auddis, fileName, content, AuddisReport.Parse,
            async (connection, tx, report, outcomes) =>
            {
                foreach (var file in report.Files)
                {
                    outcomes.Add(new AdviceOutcome(outcomes.Count + 1, file.VolumeSerialNumber, file.FileErrorCode, file.Accepted ? "file accepted" : "file rejected", null,
                        file.Accepted
                            ? $"file {file.VolumeSerialNumber} of {file.ProcessingDate:uuuu-MM-dd}: {file.AcceptedInstructions} accepted, {file.RejectedInstructions} rejected"
                            : $"file {file.VolumeSerialNumber} of {file.ProcessingDate:uuuu-MM-dd} rejected whole: {file.ErrorText}; for an officer to lodge again"));
                }

                foreach (var rejection in report.Rejections)
                {
                    var mandate = await Mandates.ByReferenceAsync(connection, tx, council, rejection.Reference);
                    string outcome;
                    if (mandate is null)
                    {
                        outcome = "no mandate with that reference: for an officer to look at";
                    }
                    else if (!mandate.IsLive)
                    {
                        outcome = $"the mandate is already {mandate.Status}: nothing changed";
                    }
                    else
                    {
                        await Mandates.EndAsync(connection, tx, council, mandate.MandateId, MandateStatus.Rejected,
                            $"{rejection.Reason.Meaning} (AUDDIS {rejection.Reason.Code})", report.Header.GeneratedOn, tellTheBank: false, officer, "Bacs AUDDIS", now);
                        outcome = "rejected; the account pays by other means now; letter asked for";
                    }

                    outcomes.Add(new AdviceOutcome(outcomes.Count + 1, rejection.Reference, rejection.Reason.Code, rejection.Reason.Meaning, mandate?.MandateId, outcome));
                }
            },
            officer, now, ct);
}
