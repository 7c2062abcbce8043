using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Uploads;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Uploads;

/// <summary>
/// One import from the browser: choose the file; a preview made by the real import run in a transaction that is rolled
/// back (figures, totals, what each line would do), or the validation report naming line and field (then nothing is
/// kept or changed); "Confirm and import" runs the same import on the same bytes, kept in the meantime, for real. Every
/// upload and every import is written to the audit trail, the import's row in the import's own transaction.
/// </summary>
[AuditSubject(Subject)]
public sealed class UploadModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    public const string Subject = "upload";

    public UploadKind Kind { get; private set; } = UploadKinds.All[0];

    /// <summary>What the last step made of the file: a preview (with <see cref="Waiting"/>) or the import itself.</summary>
    public UploadOutcome? Outcome { get; private set; }

    /// <summary>The previewed file waiting to be confirmed, when the preview worked.</summary>
    public PendingUploads.Pending? Waiting { get; private set; }

    public bool Imported { get; private set; }

    public string? FileName { get; private set; }

    [BindProperty(Name = "option")]
    public string? Option { get; set; }

    public IActionResult OnGet(string kind) => Choose(kind) ?? Page();

    public async Task<IActionResult> OnPostPreviewAsync(string kind, IFormFile? file, CancellationToken ct)
    {
        if (Choose(kind) is { } refused)
        {
            return refused;
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", file is null ? "Choose a file to upload" : "The file chosen is empty");
            return Page();
        }

        if (file.Length > UploadKinds.MaxFileBytes)
        {
            ModelState.AddModelError("file", $"The file must be smaller than {UploadKinds.MaxFileBytes / (1024 * 1024)} MB; import larger files with {Kind.Command}");
            return Page();
        }

        var option = Kind.Options.Count == 0 ? "" : Option ?? Kind.Options[0];
        if (Kind.Options.Count > 0 && !Kind.Options.Contains(option))
        {
            ModelState.AddModelError("option", $"Choose one of the {Kind.OptionLabel.ToLowerInvariant()}s offered");
            return Page();
        }

        byte[] content;
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        FileName = SafeName(file.FileName);
        var now = clock.GetCurrentInstant();
        Outcome = await Kind.RunAsync(Run(FileName, content, option, now, ImportFinish.Preview), ct);
        var sha = PendingUploads.Sha256Of(content);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (Outcome is UploadOutcome.Worked)
        {
            Waiting = new PendingUploads.Pending(Kind.Slug, sha, FileName, option, content, User.OfficerUsername(), now, now + PendingUploads.Lifetime);
            await PendingUploads.KeepAsync(connection, tx, User.CouncilId(), Waiting, now);
        }

        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Upload, Subject, $"{Kind.Slug}:{sha}",
            Limit($"Uploaded {FileName} ({Show.Count(content.Length)} bytes) as a {Kind.Title} for preview: {Describe(Outcome)}"));
        await tx.CommitAsync(ct);
        ReportProblems();

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string kind, string? upload, CancellationToken ct)
    {
        if (Choose(kind) is { } refused)
        {
            return refused;
        }

        var now = clock.GetCurrentInstant();
        var council = User.CouncilId();
        PendingUploads.Pending? pending;
        await using (var connection = await db.OpenAsync(ct))
        {
            pending = upload is { Length: 64 } && upload.All(char.IsAsciiHexDigitLower)
                ? await PendingUploads.FindAsync(connection, council, Kind.Slug, upload, now)
                : null;
        }

        if (pending is null)
        {
            ModelState.AddModelError("file", "Nothing is waiting to be imported for that upload: it has been imported already or it has expired. Choose the file again.");
            return Page();
        }

        FileName = pending.FileName;
        var http = HttpContext;
        var finish = new ImportFinish(false, async (connection, tx) =>
        {
            await audit.RecordAsync(http, connection, tx, AuditTrail.Actions.Import, Subject, $"{Kind.Slug}:{pending.Sha256}",
                Limit($"Imported {pending.FileName} as a {Kind.Title}, previewed {Show.When(pending.UploadedAt)} by {pending.UploadedBy}"));
            await PendingUploads.ClearAsync(connection, tx, council, Kind.Slug, pending.Sha256);
        });
        Outcome = await Kind.RunAsync(Run(pending.FileName, pending.Content, pending.Option, now, finish), ct);
        Imported = Outcome is UploadOutcome.Worked;
        if (!Imported)
        {
            // Refused now (the records changed since the preview) or imported meanwhile: nothing was changed; say so in the trail.
            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Import, Subject, $"{Kind.Slug}:{pending.Sha256}",
                Limit($"Confirmed {pending.FileName} as a {Kind.Title}: {Describe(Outcome)}"));
            if (Outcome is UploadOutcome.AlreadyImported)
            {
                await PendingUploads.ClearAsync(connection, tx, council, Kind.Slug, pending.Sha256);
            }

            await tx.CommitAsync(ct);
        }

        ReportProblems();

        return Page();
    }

    /// <summary>A refused file's problems in the error summary, linked to the file field (the first ten; the report lists them all).</summary>
    private void ReportProblems()
    {
        if (Outcome is UploadOutcome.Refused { Problems: var problems })
        {
            foreach (var p in problems.Take(10))
            {
                ModelState.AddModelError("file", $"{p.Where}: {p.Message}");
            }

            if (problems.Count > 10)
            {
                ModelState.AddModelError("file", $"and {Show.Count(problems.Count - 10)} more problems, listed in the validation report");
            }
        }
    }

    private UploadRun Run(string fileName, byte[] content, string option, Instant now, ImportFinish finish) =>
        new(db, User.CouncilId(), fileName, content, option, User.OfficerUsername(), now, UkTime.Today(clock), finish);

    /// <summary>The kind named in the address, for an officer whose role may run it; otherwise 404 or 403.</summary>
    private IActionResult? Choose(string kind)
    {
        if (UploadKinds.Find(kind) is not { } found)
        {
            return NotFound();
        }

        Kind = found;
        return found.MayBeUsedBy(User.OfficerRole()) ? null : Forbid();
    }

    private static string Describe(UploadOutcome? outcome) => outcome switch
    {
        UploadOutcome.Refused { Problems: [var first, ..] } r => $"refused, {r.Problems.Count} problem{(r.Problems.Count == 1 ? "" : "s")}, first {first.Where}: {first.Message}",
        UploadOutcome.Refused => "refused",
        UploadOutcome.AlreadyImported => "already imported, nothing done",
        UploadOutcome.Worked w => string.Join("; ", w.Figures.Take(3).Select(f => $"{f.What} {f.Count}{(f.Total is { } t ? " " + Show.Money(t) : "")}")),
        _ => "",
    };

    private static string Limit(string detail) => detail.Length > AuditEveryView.DetailLimit ? detail[..AuditEveryView.DetailLimit] + "…" : detail;

    /// <summary>The file's own name without any folder a browser sent, kept short.</summary>
    private static string SafeName(string? name)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/'));
        plain = new string(plain.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return plain.Length == 0 ? "upload" : plain.Length > 200 ? plain[..200] : plain;
    }
}
