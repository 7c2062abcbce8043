using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Work;

namespace Reeve.People;

/// <summary>
/// An open trace (a person gone away, from returned post or an officer's own suspicion) is work for the Casework team
/// until it is found, not found or closed: raised where the task is opened, closed where it is, on the task's own due
/// date in calendar days. A trace the officer gave to someone stays with them.
/// </summary>
public static class TraceWork
{
    public const string Source = "people.trace";

    public static string Key(long taskId) => taskId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static WorkToRaise For(long taskId, long partyId, string reason, TraceOrigin origin, LocalDate dueOn, string? assignedTo) => new(
        Source, Key(taskId), origin == TraceOrigin.ReturnedMail ? "Returned post" : "Trace", $"Trace {taskId}: {reason}", WorkTeams.Casework,
        dueOn, WorkClock.CalendarDays, PartyId: partyId, AssignedTo: assignedTo);

    /// <summary>Trace tasks open when the queue arrived.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => TraceWork.Source;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await connection.QueryAsync<Waiting>(
                "select task_id as TaskId, party_id as PartyId, reason as Reason, source as Origin, due_on as DueOn, assigned_to as AssignedTo " +
                "from trace_task where council_id = @council and status = 'open' order by task_id", new { council = council.Value }, tx))
            .Select(t => For(t.TaskId, t.PartyId, t.Reason, t.Origin == "returned-mail" ? TraceOrigin.ReturnedMail : TraceOrigin.Officer, t.DueOn, t.AssignedTo))
            .ToList();

        private sealed class Waiting
        {
            public long TaskId { get; set; }
            public long PartyId { get; set; }
            public string Reason { get; set; } = "";
            public string Origin { get; set; } = "";
            public LocalDate DueOn { get; set; }
            public string? AssignedTo { get; set; }
        }
    }
}
