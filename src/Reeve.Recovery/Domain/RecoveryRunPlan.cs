using System.Collections.Concurrent;
using NodaTime;
using Reeve.Kernel;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>A court session and the places left on it for this run.</summary>
internal sealed class CourtSessionSlot(long sessionId, LocalDate date, string court, int spaceLeft)
{
    public long SessionId { get; } = sessionId;
    public LocalDate Date { get; } = date;
    public string Court { get; } = court;
    public int SpaceLeft { get; set; } = spaceLeft;
}

/// <summary>
/// Everything a run reads once, before any account: profiles per kind and year (filled in as the kinds and years
/// turn up), costs per kind, and the court sessions after the run date with their space left.
/// </summary>
internal sealed class RecoveryRunSettings
{
    public required RecoveryRunOptions Options { get; init; }
    public required IReadOnlyList<CourtSessionSlot> Sessions { get; init; }
    public required IReadOnlyDictionary<AccountKind, RecoveryCosts?> Costs { get; init; }
    public Dictionary<(AccountKind Kind, int Year), RecoveryProfile> Profiles { get; } = [];
    public WorkingDays Calendar { get; } = WorkingDays.EnglandAndWales;

    public RecoveryProfile ProfileFor(AccountYear ay) => Profiles[(ay.Kind, ay.Year.StartYear)];

    /// <summary>The kinds and years among these account years whose profile has not been read yet.</summary>
    public IEnumerable<(AccountKind Kind, int Year)> ProfilesMissingFor(IEnumerable<AccountYear> years) =>
        years.Select(y => (y.Kind, y.Year.StartYear)).Distinct().Where(k => !Profiles.ContainsKey(k)).ToList();
}

/// <summary>A decision with the court place it took, if it is a summons.</summary>
internal sealed record Allocated(RecoveryDecision Decision, CourtSessionSlot? Session, LocalDate? ServedOn);

/// <summary>
/// The run's decisions so far, chunk by chunk, with the court places they take: pure, given the settings read
/// before the run. Preview, prepare and execute all decide through this, so they agree.
/// </summary>
internal sealed class RecoveryRunPlan(RecoveryRunSettings settings)
{
    /// <summary>Deemed service of a second-class letter: the second business day after posting (CPR 6.26, the practice the magistrates' courts follow for postal service under Magistrates' Courts Rules 1981 r 99).</summary>
    public const int ServiceWorkingDays = 2;

    private readonly Dictionary<string, int> _byStage = RecoveryDecisions.Stages.ToDictionary(s => s, _ => 0);
    private readonly List<RecoveryRunLine> _lines = [];
    private int _accounts;

    public RecoveryRunSettings Settings => settings;

    /// <summary>
    /// Decides a chunk's account years. <paramref name="accounts"/> counts every account in the chunk, including
    /// those not read in full because nothing was due and unpaid and no notice was running: they are up to date.
    /// </summary>
    public IReadOnlyList<Allocated> Decide(IReadOnlyList<AccountYear> years, int accounts)
    {
        var sessionDates = settings.Sessions.Where(s => s.SpaceLeft > 0).Select(s => s.Date).ToList();
        var decided = new RecoveryDecision[years.Count];
        _accounts += accounts;
        _byStage[RecoveryDecisions.UpToDate] += accounts - years.Select(y => y.AccountId).Distinct().Count();
        if (decided.Length == 0)
        {
            return [];
        }

        // Deciding is CPU only and each account's year is independent, so the chunk is shared across the cores.
        var partitions = Partitioner.Create(0, years.Count, Math.Max(256, years.Count / (Environment.ProcessorCount * 4) + 1));
        Parallel.ForEach(partitions, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var ay = years[i];
                decided[i] = RecoveryDecisions.Decide(ay, settings.ProfileFor(ay), sessionDates, settings.Options.RunDate, settings.Calendar);
            }
        });

        var allocated = new List<Allocated>(decided.Length / 4);
        foreach (var decision in decided)
        {
            var result = Allocate(decision);
            _byStage[result.Decision.Stage]++;
            if (result.Decision.Stage != RecoveryDecisions.UpToDate || settings.Options.OnlyAccount is not null)
            {
                _lines.Add(new RecoveryRunLine(result.Decision.AccountYear.AccountId, result.Decision.AccountYear.Reference, result.Decision.AccountYear.Year,
                    result.Decision.Stage, result.Decision.Reason, result.Decision.Source, result.Decision.Amount,
                    result.Session is { } s ? $"{s.Court}, {DateText.LongForm.Format(s.Date)}" : null,
                    settings.Options.OnlyAccount is null ? null : result.Decision.Explanation));
            }

            if (result.Decision.ToRecord.Count > 0)
            {
                allocated.Add(result);
            }
        }

        return allocated;
    }

    // A summons is listed at the first session at least the profile's days after deemed service that has space.
    private Allocated Allocate(RecoveryDecision decision)
    {
        var summons = decision.ToRecord.FirstOrDefault(a => a.Step == RecoveryStep.Summons);
        if (summons is null)
        {
            return new Allocated(decision, null, null);
        }

        var served = settings.Calendar.AddWorkingDays(summons.Date, ServiceWorkingDays);
        var earliest = served.PlusDays(settings.ProfileFor(decision.AccountYear).MinimumDaysSummonsToHearing);
        var slot = settings.Sessions.Where(s => s.Date >= earliest && s.SpaceLeft > 0).OrderBy(s => s.Date).ThenBy(s => s.SessionId).FirstOrDefault();
        if (slot is null)
        {
            var withoutSummons = decision.ToRecord.Where(a => a.Step != RecoveryStep.Summons).ToList();
            return new Allocated(decision with
            {
                Stage = RecoveryDecisions.NoCourtSession,
                Reason = $"Summons due {DateText.LongForm.Format(summons.Date)}, deemed served {DateText.LongForm.Format(served)}: no court session with space on or after {DateText.LongForm.Format(earliest)}; add a session",
                ToRecord = withoutSummons,
            }, null, null);
        }

        slot.SpaceLeft--;
        return new Allocated(decision with
        {
            Reason = decision.Reason + $"; listed at {slot.Court} on {DateText.LongForm.Format(slot.Date)} (served {DateText.LongForm.Format(served)})",
        }, slot, served);
    }

    public string Summary() => string.Join(", ", _byStage.Where(s => s.Value > 0).Select(s => $"{s.Key} {s.Value}"));

    public RecoveryRunReport Report(long? runId, string status, int written) =>
        new(runId, settings.Options.RunDate, status, _accounts, _byStage, _lines, written);
}
