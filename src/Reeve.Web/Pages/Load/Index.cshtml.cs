using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Load;

/// <summary>
/// The opening data load from the incumbent system (docs/runbooks/opening-load.md), for System Administrators and
/// Managers: upload the CSV files or one zip, see every problem by file, line and field, then confirm to load them all
/// in one transaction. Works without JavaScript: the checked files are held on the server for an hour under their
/// SHA-256, so the confirmation posts only that.
/// </summary>
public sealed class LoadModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public const string AuditSubject = "opening-load";

    public IReadOnlyList<LoadProblem> Problems { get; private set; } = [];

    public LoadOpeningData.Summary? Ready { get; private set; }

    public LoadOpeningData.Summary? Loaded { get; private set; }

    public long? LoadId { get; private set; }

    public string? Notice { get; private set; }

    public LocalDate AsAt => UkTime.Today(clock);

    public static bool May(System.Security.Claims.ClaimsPrincipal user) => user.OfficerRole() is Role.Manager or Role.SystemAdministrator;

    public IActionResult OnGet() => May(User) ? Page() : Forbid();

    public async Task<IActionResult> OnPostCheckAsync(List<IFormFile>? files, CancellationToken ct)
    {
        if (!May(User))
        {
            return Forbid();
        }

        var set = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var problems = new List<LoadProblem>();
        foreach (var file in files ?? [])
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, ct);
            var name = Path.GetFileName(file.FileName).ToLowerInvariant();
            if (name.EndsWith(".zip", StringComparison.Ordinal))
            {
                var (zipped, problem) = OpeningLoadFiles.FromZip(name, copy.ToArray());
                if (problem is not null)
                {
                    problems.Add(problem);
                }

                foreach (var (entry, content) in zipped ?? [])
                {
                    set[entry] = content;
                }
            }
            else if (name.Length > 0)
            {
                set[name] = copy.ToArray();
            }
        }

        if (set.Count == 0 && problems.Count == 0)
        {
            ModelState.AddModelError("files", "Choose the load's CSV files, or one zip of them");
            return Page();
        }

        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        var result = await LoadOpeningData.ValidateAsync(connection, null, User.CouncilId(), set, AsAt, ct);
        var sha = OpeningLoadFiles.Sha256Of(set);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, AuditSubject, sha,
            $"Checked {set.Count} files: {Describe(result)}");
        Show(result);
        if (result is LoadOpeningData.Result.Valid)
        {
            PendingLoads.Hold(User.CouncilId(), sha, set, clock.GetCurrentInstant());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(string? set, CancellationToken ct)
    {
        if (!May(User))
        {
            return Forbid();
        }

        if (PendingLoads.Take(User.CouncilId(), set ?? "", clock.GetCurrentInstant()) is not { } files)
        {
            ModelState.AddModelError("files", "These files are no longer held (they are kept for an hour after checking): choose them and check them again");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await LoadOpeningData.CommitAsync(connection, tx, User.CouncilId(), files, AsAt, User.OfficerUsername(), clock.GetCurrentInstant(), ct);
        if (result is LoadOpeningData.Result.Loaded loaded)
        {
            await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, AuditSubject, loaded.LoadId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"Opening load {loaded.LoadId} from {loaded.Summary.SourceSystem}, set {loaded.Summary.SetSha256}: {Describe(result)}");
            await tx.CommitAsync(ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        Show(result);
        return Page();
    }

    private void Show(LoadOpeningData.Result result)
    {
        switch (result)
        {
            case LoadOpeningData.Result.Refused refused:
                Problems = refused.Problems;
                break;
            case LoadOpeningData.Result.AlreadyLoaded already:
                Notice = $"These files were loaded before, as load {already.LoadId} by {already.LoadedBy}. Nothing was written this time.";
                break;
            case LoadOpeningData.Result.Valid valid:
                Ready = valid.Summary;
                break;
            case LoadOpeningData.Result.Loaded loaded:
                Loaded = loaded.Summary;
                LoadId = loaded.LoadId;
                break;
        }
    }

    private static string Describe(LoadOpeningData.Result result) => result switch
    {
        LoadOpeningData.Result.Refused r => $"refused, {r.Problems.Count} problems",
        LoadOpeningData.Result.AlreadyLoaded a => $"loaded before as load {a.LoadId}",
        LoadOpeningData.Result.Valid v => $"ready: {v.Summary.Accounts} new accounts, {v.Summary.Balances} balances",
        LoadOpeningData.Result.Loaded l => $"{l.Summary.Properties} properties, {l.Summary.People} people, {l.Summary.Accounts} accounts, {l.Summary.Balances} balances",
        _ => "",
    };
}

/// <summary>
/// Checked sets waiting for an officer to confirm them, by council and SHA-256, for an hour: the confirmation posts the
/// hash, not the files again. Few at a time (an opening load is done a handful of times), so the oldest go first.
/// </summary>
internal static class PendingLoads
{
    private const int MaxHeld = 4;

    private static readonly Duration KeptFor = Duration.FromHours(1);

    private static readonly ConcurrentDictionary<(CouncilId, string), (Dictionary<string, byte[]> Files, Instant At)> Held = new();

    public static void Hold(CouncilId council, string sha, Dictionary<string, byte[]> files, Instant now)
    {
        Held[(council, sha)] = (files, now);
        foreach (var old in Held.Where(h => now - h.Value.At > KeptFor).Select(h => h.Key).ToList())
        {
            Held.TryRemove(old, out _);
        }

        foreach (var extra in Held.OrderByDescending(h => h.Value.At).Skip(MaxHeld).Select(h => h.Key).ToList())
        {
            Held.TryRemove(extra, out _);
        }
    }

    public static Dictionary<string, byte[]>? Take(CouncilId council, string sha, Instant now) =>
        Held.TryRemove((council, sha), out var held) && now - held.At <= KeptFor ? held.Files : null;
}
