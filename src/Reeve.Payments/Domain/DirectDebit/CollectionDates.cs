using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.DirectDebit;

/// <summary>The three Bacs days for one collection: submit the file, the processing day in UHL1, and the day money leaves the payer.</summary>
public sealed record CollectionDays(LocalDate InputDay, LocalDate ProcessingDay, LocalDate EntryDay);

/// <summary>
/// Direct Debit dates on the Bacs calendar (formats.md 3). A collection due on a non-processing day moves to
/// the next working day (late is within the rules, early is not); the processing day is the working day before
/// the entry day and the input day the working day before that. Advance notice is 10 working days before the
/// first collection or any change, unless the payer agreed a shorter period.
/// </summary>
public static class CollectionDates
{
    public const int StandardAdvanceNoticeWorkingDays = 10;

    public static CollectionDays ForDueDate(LocalDate dueDate, WorkingDays calendar)
    {
        var entry = calendar.OnOrAfter(dueDate);
        var processing = calendar.AddWorkingDays(entry, -1);
        return new CollectionDays(calendar.AddWorkingDays(processing, -1), processing, entry);
    }

    /// <summary>The latest day the advance notice may be given for a collection entering the payer's account on <paramref name="entryDay"/>.</summary>
    public static LocalDate LatestNoticeDate(LocalDate entryDay, WorkingDays calendar, int? agreedWorkingDays = null)
    {
        var days = agreedWorkingDays ?? StandardAdvanceNoticeWorkingDays;
        if (days < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(agreedWorkingDays), "A notice period cannot be negative");
        }

        return calendar.AddWorkingDays(entryDay, -days);
    }

    /// <summary>The earliest due date a collection can have if the notice goes out on <paramref name="noticeDate"/>.</summary>
    public static LocalDate EarliestCollection(LocalDate noticeDate, WorkingDays calendar, int? agreedWorkingDays = null) =>
        calendar.AddWorkingDays(noticeDate, agreedWorkingDays ?? StandardAdvanceNoticeWorkingDays);
}
