using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;

namespace Reeve.Recovery;

/// <summary>
/// Adds a magistrates' court session for liability order complaints (CTAE Regs 1992 reg 34; NNDR Regs 1989 reg 12):
/// a business day after today with room for a number of complaints. The run lists summonses at it as they fall due.
/// </summary>
public static class ScheduleCourtSession
{
    public static async Task<Outcome<CourtSession>> HandleAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string court, LocalDate date, string time, int capacity, LocalDate today, string officer, Instant now)
    {
        if (string.IsNullOrWhiteSpace(court))
        {
            return new Outcome<CourtSession>.Invalid("court", "Enter the magistrates' court");
        }

        if (capacity < 1)
        {
            return new Outcome<CourtSession>.Invalid("capacity", "A session must have room for at least one complaint");
        }

        if (date <= today)
        {
            return new Outcome<CourtSession>.Invalid("date", $"A court session must be after today ({DateText.LongForm.Format(today)})");
        }

        if (!LocalTimeIsValid(time))
        {
            return new Outcome<CourtSession>.Invalid("time", "Enter the time as HH:MM, for example 10:00");
        }

        if (!WorkingDays.EnglandAndWales.IsWorkingDay(date))
        {
            return new Outcome<CourtSession>.Invalid("date", $"{DateText.LongForm.Format(date)} is not a business day; the court does not sit");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "court_session", 1);
        await connection.ExecuteAsync(
            "insert into court_session (council_id, session_id, court, session_date, session_time, capacity, created_by, created_at) values (@council, @id, @court, @date, @time, @capacity, @officer, @now)",
            new { council = council.Value, id, court = court.Trim(), date = date, time = time.Trim(), capacity, officer, now = now }, tx);
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "court-session", id.ToString(CultureInfo.InvariantCulture),
            $"Added a court session at {court.Trim()} on {DateText.LongForm.Format(date)} {time.Trim()} for {capacity} complaints", null, now);
        return new CourtSession(id, court.Trim(), date, time.Trim(), capacity, 0);
    }

    private static bool LocalTimeIsValid(string time) =>
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time.Trim()).Success;
}
