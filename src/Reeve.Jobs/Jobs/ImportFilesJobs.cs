using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.Receipts;

namespace Reeve.Jobs;

/// <summary>
/// Imports the ARUDD, ADDACS and AUDDIS reports dropped in each council's bacs-reports folder, as `reeve dd import`
/// does: returned debits reversed, mandate changes applied, rejections ended; each report once.
/// </summary>
internal sealed class ImportBacsReportsJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("import-bacs-reports", "Import Bacs reports (ARUDD, ADDACS, AUDDIS)", "0 0 8,13 ? * MON-FRI", "8am and 1pm on working days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct) =>
        await Councils.EachAsync(context, council => PickUpFiles.FromAsync(context.Folders.BacsReports(council),
            (name, content) => ImportAsync(context, council, name, content, ct), "report", ct), "No Bacs report was waiting.", ct);

    private static async Task<FileFate> ImportAsync(JobContext context, CouncilId council, string name, byte[] content, CancellationToken ct)
    {
        switch (BacsReportImports.Detect(content))
        {
            case BacsReportKind.Arudd:
                return await ImportAruddReport.ImportAsync(context.Db, council, name, content, context.Actor, context.Now, ct) switch
                {
                    ImportAruddReport.Result.Imported { Report: var r } => new FileFate(false, $"ARUDD import {r.ImportId}, {Councils.Plural(r.Items, "returned debit", "returned debits")}, {r.ReversedCount} reversed ({r.ReversedTotal.ToDisplayString()})."),
                    ImportAruddReport.Result.AlreadyImported already => new FileFate(false, $"imported before as import {already.ImportId}; nothing reversed again."),
                    ImportAruddReport.Result.Refused refused => new FileFate(true, $"refused, nothing reversed. {refused.Field}: {refused.Message}"),
                    _ => throw new InvalidOperationException("Unexpected ARUDD import result"),
                };
            case BacsReportKind.Addacs:
                return Fate("ADDACS", await ImportAddacsReport.ImportAsync(context.Db, council, name, content, context.Actor, context.Now, ct));
            case BacsReportKind.Auddis:
                return Fate("AUDDIS", await ImportAuddisReport.ImportAsync(context.Db, council, name, content, context.Actor, context.Now, ct));
            default:
                return new FileFate(true, "refused: not an ARUDD, ADDACS or AUDDIS report that Reeve can tell.");
        }
    }

    private static FileFate Fate(string kind, BacsReportResult result) => result switch
    {
        BacsReportResult.Imported imported => new FileFate(false, $"{kind} import {imported.ImportId}, {Councils.Plural(imported.Outcomes.Count, "advice", "advices")}."),
        BacsReportResult.AlreadyImported already => new FileFate(false, $"imported before as import {already.ImportId}; nothing changed again."),
        BacsReportResult.Refused refused => new FileFate(true, $"refused, nothing changed. {refused.Field}: {refused.Message}"),
        _ => throw new InvalidOperationException("Unexpected report import result"),
    };
}

/// <summary>
/// Imports the camt.053 bank statements dropped in each council's statements folder, as `reeve payments import` does:
/// matched credits posted, the rest to suspense, each bank entry once whatever file it comes in.
/// </summary>
internal sealed class ImportStatementsJob : IScheduledJob
{
    public JobDefinition Definition { get; } = new("import-bank-statements", "Import bank statements (camt.053)", "0 15 7 ? * MON-FRI", "7:15am on working days");

    public async Task<JobDone> RunAsync(JobContext context, CancellationToken ct) =>
        await Councils.EachAsync(context, council => PickUpFiles.FromAsync(context.Folders.Statements(council),
            async (name, content) =>
            {
                var request = new ImportPayments.Request(council, name, content, PaymentFileFormat.Camt053, null, context.Actor);
                return await ImportPayments.ImportAsync(context.Db, request, context.Now, ct) switch
                {
                    ImportPayments.Result.Imported { Report: var r } => new FileFate(false,
                        $"import {r.ImportId}: {Councils.Plural(r.PostedCount, "credit", "credits")} posted ({r.PostedTotal.ToDisplayString()}), {r.SuspenseCount} to suspense, {r.Duplicates} seen before."),
                    ImportPayments.Result.AlreadyImported already => new FileFate(false, $"imported before as import {already.ImportId}; nothing posted again."),
                    ImportPayments.Result.Refused refused => new FileFate(true, $"refused, nothing posted. {refused.Field}: {refused.Message}"),
                    _ => throw new InvalidOperationException("Unexpected import result"),
                };
            }, "statement", ct), "No bank statement was waiting.", ct);
}
