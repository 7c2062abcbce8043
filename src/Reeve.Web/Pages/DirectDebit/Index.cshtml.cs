using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Payments;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.DirectDebit;

/// <summary>
/// The Bacs files Reeve wrote (collection runs and AUDDIS lodgements, each downloadable as written), the forms that start
/// a lodgement or a collection run (the same handlers as <c>reeve dd lodge</c> and <c>reeve dd collect</c>, each file made
/// once), and the Bacs report items waiting for an officer because they were not applied.
/// </summary>
public sealed class IndexModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    public IReadOnlyList<BacsFileLine> Runs { get; private set; } = [];

    public IReadOnlyList<BacsFileLine> Lodgements { get; private set; } = [];

    public IReadOnlyList<BacsWorkItem> WorkItems { get; private set; } = [];

    public DateInput LodgeDate { get; private set; } = DateInput.Blank("lodgeDate");

    public DateInput CollectDate { get; private set; } = DateInput.Blank("collectDate");

    /// <summary>Lodging instructions changes mandates: any officer who may change records.</summary>
    public bool MayLodge => User.OfficerRole() is { } role && role.CanChange();

    /// <summary>A collection run posts payments: an officer who may handle money (not a System Administrator or an Auditor).</summary>
    public bool MayCollect => User.OfficerRole() is { } role && role.MayHandleMoney();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? NoticeLink { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Runs = await BacsFiles.RecentAsync(connection, User.CouncilId(), BacsFileKind.Run);
        Lodgements = await BacsFiles.RecentAsync(connection, User.CouncilId(), BacsFileKind.Lodgement);
        WorkItems = await BacsWorkItems.OpenAsync(connection, User.CouncilId());
    }

    public async Task<IActionResult> OnPostLodgeAsync(CancellationToken ct)
    {
        if (!MayLodge)
        {
            return Forbid();
        }

        LodgeDate = DateInput.Read(Request.Form, LodgeDate.Name);
        if (LodgeDate.Check(ModelState, "the Bacs processing day", required: true) is not { } processing)
        {
            await OnGetAsync(ct);
            return Page();
        }

        var now = clock.GetCurrentInstant();
        // The audit line is written inside the run's transaction: a lodgement is never committed without it.
        var lodged = await LodgeMandates.LodgeAsync(db, User.CouncilId(), processing, UkTime.Today(clock), WorkingDays.EnglandAndWales, User.OfficerUsername(), now,
            (connection, tx, l) => audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, "bacs-file", $"lodgement {l.LodgementId}",
                $"Lodged AUDDIS file {l.Serial} for {Show.Date(l.ProcessingDate)}: {l.NewInstructions} new, {l.Cancellations} cancelled, {l.Conversions} converted"), ct);
        switch (lodged)
        {
            case LodgeMandates.Result.Refused refused:
                ModelState.AddModelError(LodgeDate.ErrorKey, $"Nothing was lodged. {refused.Field}: {refused.Message}");
                await OnGetAsync(ct);
                return Page();
            case LodgeMandates.Result.NothingToLodge { Previous: var previous }:
                Notice = previous is null
                    ? "No instruction is waiting to be lodged: no file was made"
                    : $"No instruction is waiting: lodgement file {previous.Serial} for {Show.Date(processing)} was made before and nothing was lodged twice";
                NoticeLink = previous is null ? null : $"/direct-debit/lodgements/{previous.LodgementId}/file";
                break;
            case LodgeMandates.Result.Done { Lodgement: var l }:
                Notice = $"AUDDIS file {l.Serial} made for {Show.Date(l.ProcessingDate)}: {l.NewInstructions} new, {l.Cancellations} cancelled, {l.Conversions} converted";
                NoticeLink = $"/direct-debit/lodgements/{l.LodgementId}/file";
                break;
        }

        return Redirect("/direct-debit");
    }

    public async Task<IActionResult> OnPostCollectAsync(CancellationToken ct)
    {
        if (!MayCollect)
        {
            return Forbid();
        }

        CollectDate = DateInput.Read(Request.Form, CollectDate.Name);
        if (CollectDate.Check(ModelState, "the Bacs processing day", required: true) is not { } processing)
        {
            await OnGetAsync(ct);
            return Page();
        }

        var now = clock.GetCurrentInstant();
        // The audit line is written inside the run's transaction: a run is never committed (or posted) without it.
        var collected = await CollectDirectDebits.CollectAsync(db, User.CouncilId(), processing, UkTime.Today(clock), WorkingDays.EnglandAndWales, User.OfficerUsername(), now,
            (connection, tx, r) => audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, "bacs-file", $"run {r.RunId}",
                $"Collection run {r.Serial} for {Show.Date(r.ProcessingDate)}: {r.Collections} collections, {Show.Money(r.Total)}"), ct);
        switch (collected)
        {
            case CollectDirectDebits.Result.Refused refused:
                ModelState.AddModelError(CollectDate.ErrorKey, $"Nothing was collected. {refused.Field}: {refused.Message}");
                await OnGetAsync(ct);
                return Page();
            case CollectDirectDebits.Result.NothingToCollect { Previous: var previous }:
                Notice = previous is null
                    ? $"Nothing is due for processing on {Show.Date(processing)}: no file was made"
                    : $"Nothing new is due for {Show.Date(processing)}: collection file {previous.Serial} ({Show.Count(previous.Collections)} collections, {Show.Money(previous.Total)}) was made before and nothing was posted twice";
                NoticeLink = previous is null ? null : $"/direct-debit/runs/{previous.RunId}/file";
                break;
            case CollectDirectDebits.Result.Collected { Report.Run: var r }:
                Notice = $"Collection file {r.Serial} made for {Show.Date(r.ProcessingDate)}: {Show.Count(r.Collections)} collections, {Show.Money(r.Total)}, posted to the ledger";
                NoticeLink = $"/direct-debit/runs/{r.RunId}/file";
                break;
        }

        return Redirect("/direct-debit");
    }
}
