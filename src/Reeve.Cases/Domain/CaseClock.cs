using NodaTime;
using Reeve.Kernel;

namespace Reeve.Cases.Domain;

/// <summary>A pause of a case's clock: why, from which day, and to which day (null while it lasts).</summary>
public sealed record ClockPause(PauseReason Reason, LocalDate From, LocalDate? To);

/// <summary>
/// A clock read: the deadline (null while paused), the day it runs from, and how it was worked out, in sentences with
/// their sources, for the case page.
/// </summary>
public sealed record ClockReading(LocalDate? Deadline, LocalDate RunsFrom, bool Extended, IReadOnlyList<string> Working)
{
    public bool Paused => Deadline is null;
}

/// <summary>
/// Works out a case's deadline from its clock rule, the day it starts (the day of receipt, or the day a complaint
/// reached its stage), its pauses and whether it was extended. Pure: the same history gives the same deadline.
/// </summary>
public static class CaseClock
{
    public static ClockReading Read(ClockRule rule, LocalDate start, IReadOnlyList<ClockPause> pauses, bool extended)
    {
        if (extended && rule.ExtendedPeriod is null)
        {
            throw new ArgumentException($"The clock for {rule.Kind.Title()} cannot be extended", nameof(extended));
        }

        var working = new List<string> { $"Starts on {DateText.FormatLong(start)}: {rule.Describe()} ({rule.Source})" };
        var runsFrom = start;
        var suspended = new List<(LocalDate From, LocalDate To)>();
        foreach (var pause in pauses.OrderBy(p => p.From))
        {
            var effect = rule.EffectOf(pause.Reason);
            if (effect == PauseEffect.NotAllowed)
            {
                throw new ArgumentException($"A {rule.Kind.Title()} clock does not pause for {pause.Reason.Code()}", nameof(pauses));
            }

            if (pause.To is null)
            {
                working.Add($"Paused since {DateText.FormatLong(pause.From)}: {pause.Reason.Title().ToLowerInvariant()} ({rule.PauseSource})");
                return new ClockReading(null, runsFrom, extended, working);
            }

            if (effect == PauseEffect.Restarts)
            {
                runsFrom = pause.To.Value;
                suspended.Clear();
                working.Add($"Starts again on {DateText.FormatLong(runsFrom)}, when the {Awaited(pause.Reason)} arrived ({rule.PauseSource})");
            }
            else if (pause.To.Value >= runsFrom)
            {
                var from = pause.From < runsFrom ? runsFrom : pause.From;
                suspended.Add((from, pause.To.Value));
                working.Add($"Not counted: {DateText.FormatLong(from)} to {DateText.FormatLong(pause.To.Value)}, waiting for the {Awaited(pause.Reason)} ({rule.PauseSource})");
            }
        }

        var period = extended ? rule.ExtendedPeriod!.Value : rule.Period;
        if (extended)
        {
            working.Add($"Extended: {rule.ExtensionSource}");
        }

        var deadline = rule.Basis switch
        {
            ClockBasis.WorkingDays => AddWorkingDays(rule.Calendar, runsFrom, period, suspended),
            ClockBasis.CalendarMonths => Months(runsFrom, period, suspended),
        };
        if (rule.MovesToNextWorkingDay && !CaseCalendars.IsWorkingDay(rule.Calendar, deadline))
        {
            var moved = deadline;
            while (!CaseCalendars.IsWorkingDay(rule.Calendar, moved))
            {
                moved = moved.PlusDays(1);
            }

            working.Add($"{DateText.FormatLong(deadline)} is not a working day, so the deadline is the next working day");
            deadline = moved;
        }

        working.Add($"Deadline: {DateText.FormatLong(deadline)}");
        return new ClockReading(deadline, runsFrom, extended, working);
    }

    /// <summary>
    /// Whether the clock may be extended on <paramref name="on"/>: only where the rule allows it, and only while the
    /// first period runs (Art 12(3): the requester told within the first month; EIR reg 7(1): within 20 working days).
    /// Null when it may; otherwise why not.
    /// </summary>
    public static string? RefuseExtension(ClockRule rule, ClockReading reading, LocalDate on)
    {
        if (rule.ExtendedPeriod is null)
        {
            return $"The clock for a {rule.Kind.Title().ToLowerInvariant()} cannot be extended ({rule.Source})";
        }

        if (reading.Extended)
        {
            return "The clock has already been extended";
        }

        if (reading.Deadline is { } deadline && on > deadline)
        {
            return $"An extension must be made and the requester told before the first deadline, {DateText.FormatLong(deadline)} ({rule.ExtensionSource})";
        }

        return null;
    }

    /// <summary>Calendar days from <paramref name="today"/> to the deadline: negative when overdue.</summary>
    public static int DaysLeft(LocalDate deadline, LocalDate today) => Period.Between(today, deadline, PeriodUnits.Days).Days;

    public static string DescribeDaysLeft(LocalDate? deadline, LocalDate today) => deadline is not { } d ? "Paused" : DaysLeft(d, today) switch
    {
        0 => "Due today",
        1 => "1 day left",
        -1 => "1 day overdue",
        < 0 and var n => $"{-n} days overdue",
        var n => $"{n} days left",
    };

    // Working days following the start day, leaving out days in a suspended period.
    private static LocalDate AddWorkingDays(ClockCalendar calendar, LocalDate start, int days, IReadOnlyList<(LocalDate From, LocalDate To)> suspended)
    {
        var date = start;
        var left = days;
        while (left > 0)
        {
            date = date.PlusDays(1);
            if (CaseCalendars.IsWorkingDay(calendar, date) && !suspended.Any(s => date >= s.From && date <= s.To))
            {
                left--;
            }
        }

        return date;
    }

    // The corresponding day so many months on (NodaTime's PlusMonths gives the month's last day when it has no such day),
    // then on by the calendar days the clock stood still.
    private static LocalDate Months(LocalDate start, int months, IReadOnlyList<(LocalDate From, LocalDate To)> suspended) =>
        start.PlusMonths(months).PlusDays(suspended.Sum(s => Period.Between(s.From, s.To, PeriodUnits.Days).Days + 1));

    private static string Awaited(PauseReason reason) => reason switch
    {
        PauseReason.Clarification => "clarification",
        PauseReason.Fee => "fee",
        PauseReason.Identity => "proof of identity",
    };
}
