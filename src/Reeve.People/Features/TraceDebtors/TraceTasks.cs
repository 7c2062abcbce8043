#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Reeve.Properties;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.People;

/// <summary>
/// Tracing a person who has gone away. A task is opened when post comes back "gone away" (once: a person has at most
/// one open task, which the database enforces) or by an officer; the officer records each source tried; the outcome is
/// found (the new address joins the person's address history, the old one is ended, not overwritten), not found (with
/// a date to look again) or closed for another reason. Re-issuing the held notice is the letters module's part.
/// </summary>
public static class TraceTasks
{
    /// <summary>A trace opened from returned post is due four weeks after the post came back.</summary>
    public const int GoneAwayDueDays = 28;

    public const string FoundEventKind = "trace-found";

    /// <summary>Opens a task for a person whose post came back; if one is already open, that one is the answer.</summary>
    public static async Task<TraceTask> OpenForGoneAwayAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long partyId, LocalDate returnedOn, string officer)
    {
        if (await OpenForPartyAsync(connection, council, partyId, tx) is { } open)
        {
            return open;
        }

        var id = await InsertAsync(connection, tx, council,
            new OpenTrace(partyId, "Post came back marked gone away", returnedOn.PlusDays(GoneAwayDueDays), officer), TraceOrigin.ReturnedMail, returnedOn, officer);
        return await GetAsync(connection, council, id, tx) ?? throw new InvalidOperationException($"Trace task {id} was not written");
    }

    public static async Task<Outcome<TraceTask>> OpenAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, OpenTrace request, LocalDate today, string officer)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return new Outcome<TraceTask>.Invalid("reason", "Say why the person needs tracing");
        }

        if (request.DueOn < today)
        {
            return new Outcome<TraceTask>.Invalid("dueOn", "The date the trace is due must be today or later");
        }

        if (string.IsNullOrWhiteSpace(request.AssignedTo))
        {
            return new Outcome<TraceTask>.Invalid("assignedTo", "Choose the officer who will trace the person");
        }

        if (await connection.ExecuteScalarAsync<long>("select count(*) from party where council_id = @council and party_id = @partyId",
                new { council = council.Value, partyId = request.PartyId }, tx) == 0)
        {
            return new Outcome<TraceTask>.NotFound($"person {request.PartyId}");
        }

        if (await OpenForPartyAsync(connection, council, request.PartyId, tx) is { } open)
        {
            return new Outcome<TraceTask>.Conflict($"There is already an open trace task ({open.TaskId}) for this person");
        }

        var id = await InsertAsync(connection, tx, council, request with { Reason = request.Reason.Trim(), AssignedTo = request.AssignedTo.Trim() },
            TraceOrigin.Officer, today, officer);
        return (await GetAsync(connection, council, id, tx))!;
    }

    public static async Task<Outcome<TraceTask>> RecordAttemptAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long taskId, string source, LocalDate triedOn, string result, string? note,
        LocalDate today, string officer, Instant now)
    {
        var task = await GetAsync(connection, council, taskId, tx);
        if (task is null)
        {
            return new Outcome<TraceTask>.NotFound($"trace task {taskId}");
        }

        if (task.Status != TraceStatus.Open)
        {
            return new Outcome<TraceTask>.Conflict("This trace task is closed: open a new one to try more sources");
        }

        if (!TraceSources.IsSource(source))
        {
            return new Outcome<TraceTask>.Invalid("source", "Choose the source you tried");
        }

        if (!TraceSources.IsResult(result))
        {
            return new Outcome<TraceTask>.Invalid("result", "Choose what the source gave");
        }

        if (triedOn > today || triedOn < task.OpenedOn)
        {
            return new Outcome<TraceTask>.Invalid("triedOn", $"The date you tried the source must be between {task.OpenedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} and today");
        }

        await connection.ExecuteAsync(
            "insert into trace_attempt (council_id, task_id, attempt_no, source, tried_on, result, note, recorded_by, recorded_at) " +
            "values (@council, @taskId, @number, @source, @triedOn, @result, @note, @officer, @now)",
            new
            {
                council = council.Value, taskId, number = task.Attempts.Count + 1, source, triedOn, result,
                note = note?.Trim() ?? "", officer, now,
            }, tx);
        return (await GetAsync(connection, council, taskId, tx))!;
    }

    /// <summary>Nothing found: the task closes with a date on which the officer looks again.</summary>
    public static async Task<Outcome<TraceTask>> RecordNotFoundAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long taskId, LocalDate reviewOn, string? note, LocalDate today, string officer)
    {
        if (reviewOn <= today)
        {
            return new Outcome<TraceTask>.Invalid("reviewOn", "The date to look again must be after today");
        }

        return await CloseAsync(connection, tx, council, taskId, TraceStatus.NotFound, note?.Trim() ?? "", reviewOn, today, officer);
    }

    /// <summary>Closed for another reason (paid, deceased, written off), which the officer must give.</summary>
    public static async Task<Outcome<TraceTask>> RecordClosedAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long taskId, string? reason, LocalDate today, string officer) =>
        string.IsNullOrWhiteSpace(reason)
            ? new Outcome<TraceTask>.Invalid("closeReason", "Say why the trace is closed")
            : await CloseAsync(connection, tx, council, taskId, TraceStatus.Closed, reason.Trim(), null, today, officer);

    /// <summary>
    /// The person is found: the new address becomes their address from today, every address they had in force ends
    /// yesterday (kept as history), the task closes as found, and each of their accounts' timelines says so.
    /// </summary>
    public static async Task<Outcome<TraceFound>> RecordFoundAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long taskId, FoundAddress address, string? note, LocalDate today, string officer, Instant now)
    {
        var task = await GetAsync(connection, council, taskId, tx);
        if (task is null)
        {
            return new Outcome<TraceFound>.NotFound($"trace task {taskId}");
        }

        if (Problem(address) is { } problem)
        {
            return new Outcome<TraceFound>.Invalid(problem.Field, problem.Message);
        }

        if (task.Status != TraceStatus.Open)
        {
            return new Outcome<TraceFound>.Conflict("This trace task is already closed");
        }

        var (next, ended) = await PartyAddresses.ReplaceCurrentAsync(connection, tx, council, task.PartyId,
            new RecordParty.PostalAddressInput(null, address.Line1, address.Line2, address.Line3, address.Town, address.Postcode), today);
        var postcode = Postcodes.Normalise(address.Postcode);
        var args = new { council = council.Value, partyId = task.PartyId };
        await connection.ExecuteAsync("update party set version = version + 1 where council_id = @council and party_id = @partyId", args, tx);
        await connection.ExecuteAsync(
            "update trace_task set found_address_seq = @next where council_id = @council and task_id = @taskId",
            new { council = council.Value, taskId, next }, tx);
        var closed = await CloseAsync(connection, tx, council, taskId, TraceStatus.Found, note?.Trim() ?? "", null, today, officer);
        var accounts = (await AccountStore.OfPartiesAsync(connection, council, [task.PartyId], tx)).Select(l => l.AccountId).Distinct().Order();
        var oneLine = (address with { Postcode = postcode }).OneLine;
        foreach (var accountId in accounts)
        {
            await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, FoundEventKind,
                $"Traced to a new address (trace task {taskId}): {oneLine}", officer, null);
        }

        return new TraceFound(((Outcome<TraceTask>.Done)closed).Value, next, ended);
    }

    public static async Task<TraceTask?> GetAsync(DbConnection connection, CouncilId council, long taskId, DbTransaction? tx = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TaskRow>(TaskRow.Select + " where council_id = @council and task_id = @taskId",
            new { council = council.Value, taskId }, tx);
        if (row is null)
        {
            return null;
        }

        var attempts = await connection.QueryAsync<AttemptRow>(
            "select attempt_no, source, tried_on, result, note, recorded_by, recorded_at from trace_attempt where council_id = @council and task_id = @taskId order by attempt_no",
            new { council = council.Value, taskId }, tx);
        return row.ToTask(attempts.Select(a => a.ToAttempt()).ToList());
    }

    public static async Task<TraceTask?> OpenForPartyAsync(DbConnection connection, CouncilId council, long partyId, DbTransaction? tx = null)
    {
        var id = await connection.ExecuteScalarAsync<long?>(
            "select task_id from trace_task where council_id = @council and party_id = @partyId and status = 'open'", new { council = council.Value, partyId }, tx);
        return id is { } taskId ? await GetAsync(connection, council, taskId, tx) : null;
    }

    /// <summary>
    /// The open tasks, soonest due first: the person, what they owe in total across their accounts, the officer and the
    /// last source tried. <paramref name="assignedTo"/> keeps one officer's tasks; <paramref name="overdueOnly"/> those past due.
    /// </summary>
    public static async Task<IReadOnlyList<TraceQueueItem>> QueueAsync(
        DbConnection connection, CouncilId council, LocalDate today, string? assignedTo = null, bool overdueOnly = false)
    {
        var rows = await connection.QueryAsync<QueueRow>(
            "select t.task_id, t.party_id, t.opened_on, t.due_on, t.assigned_to, " +
            "(select n.display_name from party_name n where n.council_id = t.council_id and n.party_id = t.party_id order by n.name_seq desc limit 1) as name, " +
            "(select a.source from trace_attempt a where a.council_id = t.council_id and a.task_id = t.task_id order by a.attempt_no desc limit 1) as last_source, " +
            "(select a.tried_on from trace_attempt a where a.council_id = t.council_id and a.task_id = t.task_id order by a.attempt_no desc limit 1) as last_tried_on " +
            "from trace_task t where t.council_id = @council and t.status = 'open' " +
            (assignedTo is null ? "" : "and t.assigned_to = @assignedTo ") +
            (overdueOnly ? "and t.due_on < @today " : "") +
            "order by t.due_on, t.task_id",
            new { council = council.Value, assignedTo, today });

        // What each person owes across the accounts they are liable on: the Ledger's liabilities and balances.
        var tasks = rows.ToList();
        var liabilities = (await AccountStore.OfPartiesAsync(connection, council, tasks.Select(t => t.party_id).Distinct().ToList()))
            .GroupBy(l => l.PartyId).ToDictionary(g => g.Key, g => g.Select(l => l.AccountId).Distinct().ToList());
        var money = await AccountMoney.ForAccountsAsync(connection, council, liabilities.Values.SelectMany(a => a).Distinct().ToList());
        Money Owed(long partyId) => liabilities.TryGetValue(partyId, out var accounts) ? Money.Sum(accounts.Select(a => money[a].Balance)) : Money.Zero;
        return tasks.Select(r => new TraceQueueItem(r.task_id, r.party_id, r.name ?? "", Owed(r.party_id), r.opened_on,
            r.due_on, r.assigned_to, r.last_source, r.last_tried_on)).ToList();
    }

    /// <summary>The officers who have open tasks, for the queue's filter.</summary>
    public static async Task<IReadOnlyList<string>> AssigneesAsync(DbConnection connection, CouncilId council) =>
        (await connection.QueryAsync<string>("select distinct assigned_to from trace_task where council_id = @council and status = 'open' order by assigned_to",
            new { council = council.Value })).ToList();

    private static async Task<long> InsertAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, OpenTrace request, TraceOrigin origin, LocalDate openedOn, string officer)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "trace_task", 1);
        await connection.ExecuteAsync(
            "insert into trace_task (council_id, task_id, party_id, reason, opened_on, opened_by, due_on, assigned_to, source, status) " +
            "values (@council, @id, @partyId, @reason, @openedOn, @officer, @dueOn, @assignedTo, @source, 'open')",
            new
            {
                council = council.Value, id, partyId = request.PartyId, reason = request.Reason, openedOn, officer,
                dueOn = request.DueOn, assignedTo = request.AssignedTo, source = origin == TraceOrigin.ReturnedMail ? "returned-mail" : "officer",
            }, tx);
        await WorkQueue.RaiseAsync(connection, tx, council, TraceWork.For(id, request.PartyId, request.Reason, origin, request.DueOn, request.AssignedTo),
            openedOn.AtStartOfDayInZone(UkTime.Zone).ToInstant());
        return id;
    }

    private static async Task<Outcome<TraceTask>> CloseAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long taskId, TraceStatus status, string note, LocalDate? reviewOn, LocalDate today, string officer)
    {
        var changed = await connection.ExecuteAsync(
            "update trace_task set status = @status, outcome_on = @today, outcome_note = @note, review_on = @reviewOn, closed_by = @officer " +
            "where council_id = @council and task_id = @taskId and status = 'open'",
            new
            {
                council = council.Value, taskId, status = Code(status), today, note,
                reviewOn, officer,
            }, tx);
        if (changed == 1)
        {
            await WorkQueue.CloseAsync(connection, tx, council, TraceWork.Source, TraceWork.Key(taskId), today.AtStartOfDayInZone(UkTime.Zone).ToInstant());
        }

        if (changed == 0)
        {
            return await GetAsync(connection, council, taskId, tx) is null
                ? new Outcome<TraceTask>.NotFound($"trace task {taskId}")
                : new Outcome<TraceTask>.Conflict("This trace task is already closed");
        }

        return (await GetAsync(connection, council, taskId, tx))!;
    }

    private static (string Field, string Message)? Problem(FoundAddress address) =>
        string.IsNullOrWhiteSpace(address.Line1) ? ("line1", "Enter the first line of the address")
        : string.IsNullOrWhiteSpace(address.Town) ? ("town", "Enter the town or city")
        : !Postcodes.IsValid(address.Postcode) ? ("postcode", "Enter a real postcode, like WD3 1AA")
        : null;


    public static string Code(TraceStatus status) => status switch
    {
        TraceStatus.Open => "open",
        TraceStatus.Found => "found",
        TraceStatus.NotFound => "not-found",
        TraceStatus.Closed => "closed",
    };

    private static TraceStatus StatusFromCode(string code) => code switch
    {
        "open" => TraceStatus.Open,
        "found" => TraceStatus.Found,
        "not-found" => TraceStatus.NotFound,
        "closed" => TraceStatus.Closed,
        _ => throw new InvalidOperationException($"'{code}' is not a trace task status"),
    };

    private sealed class TaskRow
    {
        public const string Select =
            "select task_id, party_id, reason, source, opened_on, opened_by, due_on, assigned_to, status, outcome_on, outcome_note, review_on, found_address_seq, closed_by from trace_task";

        public long task_id { get; set; }
        public long party_id { get; set; }
        public string reason { get; set; } = "";
        public string source { get; set; } = "";
        public LocalDate opened_on { get; set; }
        public string opened_by { get; set; } = "";
        public LocalDate due_on { get; set; }
        public string assigned_to { get; set; } = "";
        public string status { get; set; } = "";
        public LocalDate? outcome_on { get; set; }
        public string? outcome_note { get; set; }
        public LocalDate? review_on { get; set; }
        public int? found_address_seq { get; set; }
        public string? closed_by { get; set; }

        public TraceTask ToTask(IReadOnlyList<TraceAttempt> attempts) => new(
            task_id, party_id, reason, source == "returned-mail" ? TraceOrigin.ReturnedMail : TraceOrigin.Officer, opened_on, opened_by,
            due_on, assigned_to, StatusFromCode(status), outcome_on, outcome_note,
            review_on, found_address_seq, closed_by, attempts);
    }

    private sealed class AttemptRow
    {
        public int attempt_no { get; set; }
        public string source { get; set; } = "";
        public LocalDate tried_on { get; set; }
        public string result { get; set; } = "";
        public string note { get; set; } = "";
        public string recorded_by { get; set; } = "";
        public Instant recorded_at { get; set; }

        public TraceAttempt ToAttempt() => new(attempt_no, source, tried_on, result, note, recorded_by, recorded_at);
    }

    private sealed class QueueRow
    {
        public long task_id { get; set; }
        public long party_id { get; set; }
        public LocalDate opened_on { get; set; }
        public LocalDate due_on { get; set; }
        public string assigned_to { get; set; } = "";
        public string? name { get; set; }
        public string? last_source { get; set; }
        public LocalDate? last_tried_on { get; set; }
    }
}
