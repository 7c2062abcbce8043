using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Imports an AUDDIS report (formats.md 2.2), all or nothing and once (by SHA-256), and only for the council's own
/// service user number; each advice is acted on at most once whatever file brings it (<see cref="ReportEntryKeys"/>).
/// Each rejected instruction (record type N or D) marks its mandate rejected with the reason, moves the account to
/// paying by other means and asks for a letter; one with no mandate goes on the officers' list. File-level results
/// (V accepted, R rejected) are kept for an officer; a rejected file's instructions stay lodged in Reeve until an
/// officer sets them up again.
/// </summary>
public static class ImportAuddisReport
{
    public static Task<BacsReportResult> ImportAsync(ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, CancellationToken ct = default) =>
        ImportAsync(db, council, fileName, content, officer, now, ImportFinish.Commit, ct);

    /// <summary>The same, committed or (<paramref name="finish"/>) a preview: applied and rolled back.</summary>
    public static Task<BacsReportResult> ImportAsync(
        ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, ImportFinish finish, CancellationToken ct = default) =>
        BacsReportImports.ImportAsync<AuddisReport>(db, council, BacsReportKind.Auddis, fileName, content, AuddisReport.Parse, report => report.Header,
            async (items, report, outcomes) =>
            {
                foreach (var file in report.Files)
                {
                    var itemNo = outcomes.Count + 1;
                    var verdict = file.Accepted ? "file accepted" : "file rejected";
                    outcomes.Add(await items.EarlierAsync(ReportEntryKeys.For(items.ServiceUserNumber, file), itemNo) is { } earlier
                        ? new AdviceOutcome(itemNo, file.VolumeSerialNumber, file.FileErrorCode, verdict, null, earlier, Duplicate: true)
                        : new AdviceOutcome(itemNo, file.VolumeSerialNumber, file.FileErrorCode, verdict, null,
                            file.Accepted
                                ? $"file {file.VolumeSerialNumber} of {file.ProcessingDate:uuuu-MM-dd}: {file.AcceptedInstructions} accepted, {file.RejectedInstructions} rejected"
                                : $"file {file.VolumeSerialNumber} of {file.ProcessingDate:uuuu-MM-dd} rejected whole: {file.ErrorText}; for an officer to lodge again"));
                }

                foreach (var rejection in report.Rejections)
                {
                    outcomes.Add(await RejectAsync(items, outcomes.Count + 1, rejection, report.Header.GeneratedOn));
                }
            },
            officer, now, finish, ct);

    private static async Task<AdviceOutcome> RejectAsync(ReportItems items, int itemNo, AuddisRejection rejection, LocalDate generatedOn)
    {
        if (await items.EarlierAsync(ReportEntryKeys.For(items.ServiceUserNumber, rejection), itemNo) is { } earlier)
        {
            return new AdviceOutcome(itemNo, rejection.Reference, rejection.Reason.Code, rejection.Reason.Meaning, null, earlier, Duplicate: true);
        }

        var mandate = await Mandates.ByReferenceAsync(items.Connection, items.Tx, items.Council, rejection.Reference);
        if (mandate is null)
        {
            return await items.ToOfficerAsync(itemNo, rejection.Reference, rejection.Reason, null, null, $"no mandate has the reference {rejection.Reference}");
        }

        string outcome;
        if (!mandate.IsLive)
        {
            outcome = $"the mandate is already {mandate.Status}: nothing changed";
        }
        else
        {
            await Mandates.EndAsync(items.Connection, items.Tx, items.Council, mandate.MandateId, MandateStatus.Rejected,
                $"{rejection.Reason.Meaning} (AUDDIS {rejection.Reason.Code})", generatedOn, tellTheBank: false, items.Officer, "Bacs AUDDIS", items.Now);
            outcome = "rejected; the account pays by other means now; letter asked for";
        }

        return new AdviceOutcome(itemNo, rejection.Reference, rejection.Reason.Code, rejection.Reason.Meaning, mandate.MandateId, outcome);
    }
}
