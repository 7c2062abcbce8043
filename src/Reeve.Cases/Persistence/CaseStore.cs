#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Cases.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Cases;

/// <summary>A case as it stands: who asked, who and which accounts it concerns, who has it, its stage, deadline and state.</summary>
public sealed record CaseFile(
    long CaseId,
    CaseKind Kind,
    LocalDate ReceivedOn,
    long? RequesterPartyId,
    string RequesterName,
    string RequesterAddress,
    long? PartyId,
    string Description,
    string? AssignedTo,
    int Stage,
    LocalDate StageStartedOn,
    LocalDate? Deadline,
    CaseState State,
    string? Outcome,
    string? Response,
    LocalDate? ClosedOn,
    string OpenedBy,
    Instant OpenedAt,
    IReadOnlyList<long> AccountIds)
{
    /// <summary>How officers and letters name a case: "FOI-42".</summary>
    public string Reference => $"{Kind.Code().ToUpperInvariant()}-{CaseId}";
}

/// <summary>One line of a case's history.</summary>
public sealed record CaseEvent(long EventId, long CaseId, string Kind, LocalDate On, PauseReason? PauseReason, string Detail, string Officer, Instant At);

/// <summary>What a change did to a case, for whatever follows cases (the "My work" queue): it opened, its deadline or owner changed, or it closed.</summary>
public enum CaseChange
{
    Opened,
    Changed,
    Closed,
}

/// <summary>A case with its history and its clock read now.</summary>
public sealed record CaseWithClock(CaseFile Case, IReadOnlyList<CaseEvent> History, ClockRule Rule, ClockReading Clock, IReadOnlyList<CouncilClockStage> Stages);

/// <summary>
/// Reads and writes cases. <see cref="SaveAsync"/> is the one place a case is written: every use case (log, assign,
/// pause, resume, extend, escalate, answer, refer) goes through it with the case as it now stands and the history line
/// that says why, in the caller's transaction; it returns whether the case opened, changed or closed, which is where
/// the "My work" queue is told.
/// </summary>
public static class CaseStore
{
    internal static async Task<CaseChange> SaveAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CaseFile file, string eventKind, LocalDate on, PauseReason? pause, string detail,
        string officer, Instant now, string? sourceKey = null)
    {
        CaseChange change;
        if (sourceKey is not null)
        {
            await connection.ExecuteAsync(
                "insert into case_record (council_id, case_id, kind, received_on, requester_party_id, requester_name, requester_address, party_id, description, " +
                "assigned_to, stage, stage_started_on, deadline, state, outcome, response, closed_on, opened_by, opened_at, source_key) values " +
                "(@council, @CaseId, @kind, @ReceivedOn, @RequesterPartyId, @RequesterName, @RequesterAddress, @PartyId, @Description, " +
                "@AssignedTo, @Stage, @StageStartedOn, @Deadline, @state, @Outcome, @Response, @ClosedOn, @OpenedBy, @OpenedAt, @sourceKey)",
                Parameters(council, file, sourceKey), tx);
            foreach (var accountId in file.AccountIds.Distinct())
            {
                await connection.ExecuteAsync(
                    "insert into case_account (council_id, case_id, account_id) values (@council, @caseId, @accountId)",
                    new { council = council.Value, caseId = file.CaseId, accountId }, tx);
            }

            change = CaseChange.Opened;
        }
        else
        {
            await connection.ExecuteAsync(
                "update case_record set assigned_to = @AssignedTo, stage = @Stage, stage_started_on = @StageStartedOn, deadline = @Deadline, state = @state, " +
                "outcome = @Outcome, response = @Response, closed_on = @ClosedOn where council_id = @council and case_id = @CaseId",
                Parameters(council, file, ""), tx);
            change = file.State == CaseState.Closed ? CaseChange.Closed : CaseChange.Changed;
        }

        var eventId = await IdAllocator.ReserveAsync(connection, tx, council, "case_event", 1);
        await connection.ExecuteAsync(
            "insert into case_event (council_id, event_id, case_id, kind, on_date, pause_reason, detail, officer, at) " +
            "values (@council, @eventId, @caseId, @eventKind, @on, @pause, @detail, @officer, @now)",
            new { council = council.Value, eventId, caseId = file.CaseId, eventKind, on, pause = pause?.Code(), detail, officer, now }, tx);
        await TellTheQueueAsync(connection, tx, council, file, now);
        return change;
    }

    /// <summary>The source name cases go to the "My work" queue under; each case's key is its id.</summary>
    public const string WorkSource = "cases";

    /// <summary>
    /// An open or paused case waits on the queue with its deadline (a subject access request on calendar days, the rest on
    /// working days) and whoever has it; a closed case leaves the queue. Called in the same transaction as the change.
    /// </summary>
    private static async Task TellTheQueueAsync(DbConnection connection, DbTransaction tx, CouncilId council, CaseFile file, Instant now)
    {
        var key = file.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (file.State == CaseState.Closed || file.Deadline is not { } deadline)
        {
            await Reeve.Work.WorkQueue.CloseAsync(connection, tx, council, WorkSource, key, now);
            return;
        }

        var about = file.Description.Length > 80 ? file.Description[..77] + "..." : file.Description;
        await Reeve.Work.WorkQueue.RaiseAsync(connection, tx, council, new Reeve.Work.WorkToRaise(
            WorkSource, key, file.Kind.Title(), $"{file.Reference}: {about}", Reeve.Work.WorkTeams.Casework, deadline,
            file.Kind == CaseKind.SubjectAccess ? Reeve.Work.WorkClock.CalendarDays : Reeve.Work.WorkClock.WorkingDays,
            file.PartyId ?? file.RequesterPartyId, file.AccountIds.Count > 0 ? file.AccountIds[0] : null, file.AssignedTo), now);
    }

    private static object Parameters(CouncilId council, CaseFile f, string sourceKey) => new
    {
        council = council.Value, f.CaseId, kind = f.Kind.Code(), f.ReceivedOn, f.RequesterPartyId, f.RequesterName, f.RequesterAddress, f.PartyId,
        f.Description, f.AssignedTo, f.Stage, f.StageStartedOn, f.Deadline, state = f.State.Code(), f.Outcome, f.Response, f.ClosedOn, f.OpenedBy,
        f.OpenedAt, sourceKey,
    };

    public static async Task<CaseFile?> GetAsync(DbConnection connection, CouncilId council, long caseId, DbTransaction? tx = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and case_id = @caseId",
            new { council = council.Value, caseId }, tx);
        if (row is null)
        {
            return null;
        }

        var accounts = (await connection.QueryAsync<long>(
            "select account_id from case_account where council_id = @council and case_id = @caseId order by account_id",
            new { council = council.Value, caseId }, tx)).ToList();
        return row.ToFile(accounts);
    }

    /// <summary>Cases matching a where clause (and order), without their accounts: for lists.</summary>
    internal static async Task<IReadOnlyList<CaseFile>> QueryAsync(DbConnection connection, string whereAndOrder, object args, DbTransaction? tx = null) =>
        (await connection.QueryAsync<Row>(Row.Select + whereAndOrder, args, tx)).Select(r => r.ToFile([])).ToList();

    public static async Task<long?> BySourceKeyAsync(DbConnection connection, DbTransaction? tx, CouncilId council, string sourceKey) =>
        await connection.QuerySingleOrDefaultAsync<long?>("select case_id from case_record where council_id = @council and source_key = @sourceKey",
            new { council = council.Value, sourceKey }, tx);

    public static async Task<IReadOnlyList<CaseEvent>> HistoryAsync(DbConnection connection, CouncilId council, long caseId, DbTransaction? tx = null) =>
        (await connection.QueryAsync<EventRow>(
            "select event_id, case_id, kind, on_date, pause_reason, detail, officer, at from case_event where council_id = @council and case_id = @caseId order by event_id",
            new { council = council.Value, caseId }, tx)).Select(r => r.ToEvent()).ToList();

    /// <summary>The council's own clock stages (complaints and members' enquiries), every dated row.</summary>
    public static async Task<IReadOnlyList<CouncilClockStage>> CouncilStagesAsync(DbConnection connection, CouncilId council, DbTransaction? tx = null) =>
        (await connection.QueryAsync<StageRow>(
            "select kind, stage, name, working_days, effective_from from case_clock_policy where council_id = @council order by kind, stage, effective_from",
            new { council = council.Value }, tx)).Select(r => new CouncilClockStage(CaseKinds.FromCode(r.kind)!.Value, r.stage, r.name, r.working_days, r.effective_from)).ToList();

    /// <summary>Records a stage of the council's own clock from a date; the rows before it stay, for cases received earlier.</summary>
    public static async Task<Outcome<CouncilClockStage>> SetCouncilStageAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CouncilClockStage stage, string officer, Instant now)
    {
        if (!CouncilClocks.IsCouncilKind(stage.Kind))
        {
            return new Outcome<CouncilClockStage>.Invalid("kind", $"The law sets the clock for a {stage.Kind.Title().ToLowerInvariant()}, not the council");
        }

        if (stage.Stage is < 1 or > 9 || stage.WorkingDays is < 1 or > 120 || string.IsNullOrWhiteSpace(stage.Name) || stage.Name.Length > 200)
        {
            return new Outcome<CouncilClockStage>.Invalid("stage", "A stage is numbered 1 to 9, named, and lasts 1 to 120 working days");
        }

        await connection.ExecuteAsync(
            "insert into case_clock_policy (council_id, kind, stage, name, working_days, effective_from, recorded_by, recorded_at) " +
            "values (@council, @kind, @stage, @name, @days, @from, @officer, @now)",
            new { council = council.Value, kind = stage.Kind.Code(), stage = stage.Stage, name = stage.Name.Trim(), days = stage.WorkingDays, from = stage.EffectiveFrom, officer, now }, tx);
        return stage;
    }

    /// <summary>
    /// The case's clock now: the statutory rule in force on the day of receipt (or the council's stage in force when the
    /// complaint reached it), the pauses and extension since the stage began, and the deadline they give.
    /// </summary>
    public static async Task<CaseWithClock> WithClockAsync(DbConnection connection, CouncilId council, CaseFile file, DbTransaction? tx = null)
    {
        var history = await HistoryAsync(connection, council, file.CaseId, tx);
        var councilRows = CouncilClocks.IsCouncilKind(file.Kind) ? await CouncilStagesAsync(connection, council, tx) : [];
        return Clock(file, history, councilRows);
    }

    internal static CaseWithClock Clock(CaseFile file, IReadOnlyList<CaseEvent> history, IReadOnlyList<CouncilClockStage> councilRows)
    {
        IReadOnlyList<CouncilClockStage> stages = [];
        ClockRule rule;
        if (CouncilClocks.IsCouncilKind(file.Kind))
        {
            stages = CouncilClocks.InForce(councilRows, file.Kind, file.ReceivedOn);
            var stage = stages.FirstOrDefault(s => s.Stage == file.Stage) ?? stages[^1];
            rule = CouncilClocks.AsRule(stage, stages.Count);
        }
        else
        {
            rule = StatutoryClocks.InForce(file.Kind, file.ReceivedOn)
                ?? throw new InvalidOperationException($"No clock for a {file.Kind.Code()} received on {file.ReceivedOn}");
        }

        var pauses = new List<ClockPause>();
        foreach (var e in history.Where(e => e.On >= file.StageStartedOn))
        {
            if (e.Kind == "paused" && e.PauseReason is { } reason)
            {
                pauses.Add(new ClockPause(reason, e.On, null));
            }
            else if (e.Kind == "resumed" && pauses.Count > 0 && pauses[^1].To is null)
            {
                pauses[^1] = pauses[^1] with { To = e.On };
            }
        }

        var extended = history.Any(e => e.Kind == "extended" && e.On >= file.StageStartedOn);
        return new CaseWithClock(file, history, rule, CaseClock.Read(rule, file.StageStartedOn, pauses, extended), stages);
    }

    private sealed class Row
    {
        public const string Select =
            "select case_id, kind, received_on, requester_party_id, requester_name, requester_address, party_id, description, assigned_to, stage, " +
            "stage_started_on, deadline, state, outcome, response, closed_on, opened_by, opened_at from case_record";

        public long case_id { get; set; }
        public string kind { get; set; } = "";
        public LocalDate received_on { get; set; }
        public long? requester_party_id { get; set; }
        public string requester_name { get; set; } = "";
        public string requester_address { get; set; } = "";
        public long? party_id { get; set; }
        public string description { get; set; } = "";
        public string? assigned_to { get; set; }
        public int stage { get; set; }
        public LocalDate stage_started_on { get; set; }
        public LocalDate? deadline { get; set; }
        public string state { get; set; } = "";
        public string? outcome { get; set; }
        public string? response { get; set; }
        public LocalDate? closed_on { get; set; }
        public string opened_by { get; set; } = "";
        public Instant opened_at { get; set; }

        public CaseFile ToFile(IReadOnlyList<long> accounts) => new(
            case_id, CaseKinds.FromCode(kind) ?? throw new InvalidOperationException($"Unknown case kind {kind}"), received_on, requester_party_id,
            requester_name, requester_address, party_id, description, assigned_to, stage, stage_started_on, deadline, CaseKinds.StateFromCode(state),
            outcome, response, closed_on, opened_by, opened_at, accounts);
    }

    private sealed class EventRow
    {
        public long event_id { get; set; }
        public long case_id { get; set; }
        public string kind { get; set; } = "";
        public LocalDate on_date { get; set; }
        public string? pause_reason { get; set; }
        public string detail { get; set; } = "";
        public string officer { get; set; } = "";
        public Instant at { get; set; }

        public CaseEvent ToEvent() => new(event_id, case_id, kind, on_date, CaseKinds.PauseFromCode(pause_reason), detail, officer, at);
    }

    private sealed class StageRow
    {
        public string kind { get; set; } = "";
        public int stage { get; set; }
        public string name { get; set; } = "";
        public int working_days { get; set; }
        public LocalDate effective_from { get; set; }
    }
}
