using NodaTime;
using Reeve.Jobs;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Web.Features.Jobs;

/// <summary>
/// The web app's end of the scheduled jobs (docs/decisions/0054-scheduled-jobs.md). The setting <c>Jobs:RunIn</c> says
/// where the scheduler fires jobs: <c>web</c> (the default) here, or <c>cli</c> in `reeve jobs run` on another machine,
/// when this app only opens the scheduler to show it and to pause, resume or ask for a run. <c>Jobs:Folder</c> is where
/// the jobs pick files up and write theirs (default: <c>jobs</c> beside the SQLite file, or ./data/jobs).
/// </summary>
public sealed class JobsHost(ReeveDatabase db, IClock clock, IConfiguration configuration, ILogger<JobsHost> logger) : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private ReeveScheduler? _scheduler;

    /// <summary>Whether this app's scheduler fires the jobs.</summary>
    public bool FiresHere => !string.Equals(configuration["Jobs:RunIn"], "cli", StringComparison.OrdinalIgnoreCase);

    public string Folder => configuration["Jobs:Folder"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : JobFolders.DefaultRoot(db);

    /// <summary>Who may see the Jobs page and act on it: Team Leaders, Managers and System Administrators.</summary>
    public static bool MayManage(Role? role) => role is Role.TeamLeader or Role.Manager or Role.SystemAdministrator;

    public async Task<ReeveScheduler> SchedulerAsync(CancellationToken ct = default)
    {
        if (_scheduler is { } open)
        {
            return open;
        }

        await _opening.WaitAsync(ct);
        try
        {
            var host = "web@" + Environment.MachineName;
            return _scheduler ??= await ReeveScheduler.OpenAsync(new JobRunner(db, clock, new JobFolders(Folder), JobCatalogue.All(), host, logger), ct);
        }
        finally
        {
            _opening.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (FiresHere)
        {
            await (await SchedulerAsync(cancellationToken)).StartAsync(cancellationToken);
            logger.LogInformation("Scheduled jobs run in this app; files are picked up under {Folder}", Folder);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } open)
        {
            _scheduler = null;
            await open.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _opening.Dispose();
    }
}
