using System.Data.Common;
using Reeve.Kernel;

namespace Reeve.Recovery;

/// <summary>
/// The reading a run does around the pure plan: the settings read once before any account, the profiles of the
/// kinds and years a chunk turns up, and (for preview and prepare) every chunk decided in turn, writing nothing.
/// </summary>
internal static class RecoveryRunReading
{
    public static async Task<RecoveryRunSettings> SettingsAsync(DbConnection connection, DbTransaction? tx, RecoveryRunOptions options, CancellationToken ct)
    {
        var sessions = await CourtSessions.SlotsFromAsync(connection, tx, options.Council, options.RunDate, ct);
        var costs = new Dictionary<AccountKind, RecoveryCosts?>();
        foreach (var stream in RecoveryStreams.Recovered())
        {
            costs[stream.Kind] = await RecoverySettings.CostsOnAsync(connection, tx, options.Council, stream.Kind, options.RunDate);
        }

        return new RecoveryRunSettings { Options = options, Sessions = sessions, Costs = costs };
    }

    /// <summary>Decides a chunk read by <see cref="RecoveryCaseReader"/>, reading first any profile it needs.</summary>
    public static async Task<IReadOnlyList<Allocated>> DecideAsync(DbConnection connection, DbTransaction? tx, RecoveryRunPlan plan, RecoveryCaseReader.Chunk chunk)
    {
        foreach (var (kind, year) in plan.Settings.ProfilesMissingFor(chunk.Years))
        {
            plan.Settings.Profiles[(kind, year)] = (await RecoverySettings.ProfileForAsync(connection, tx, plan.Settings.Options.Council, kind, new FinancialYear(year))).Profile;
        }

        return plan.Decide(chunk.Years, chunk.Accounts);
    }

    /// <summary>Works out every account's decision for the run date, chunk by chunk, writing nothing.</summary>
    public static async Task<RecoveryRunPlan> EvaluateAllAsync(DbConnection connection, DbTransaction? tx, RecoveryRunOptions options, CancellationToken ct)
    {
        var plan = new RecoveryRunPlan(await SettingsAsync(connection, tx, options, ct));
        var after = 0L;
        while (true)
        {
            var chunk = await RecoveryCaseReader.LoadAsync(connection, tx, options.Council, options.RunDate, after, options.ChunkSize, options.OnlyAccount, options.OnlyYear, ct);
            if (chunk.Accounts == 0)
            {
                break;
            }

            await DecideAsync(connection, tx, plan, chunk);
            after = chunk.LastAccountId;
            if (options.OnlyAccount is not null)
            {
                break;
            }
        }

        return plan;
    }
}
