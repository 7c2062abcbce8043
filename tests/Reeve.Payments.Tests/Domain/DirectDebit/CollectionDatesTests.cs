using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.DirectDebit;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Domain.DirectDebit;

public class CollectionDatesTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    [Fact]
    public void A_collection_due_on_a_Wednesday_is_processed_on_the_Tuesday_and_submitted_on_the_Monday()
    {
        // formats.md 3: day 1 input, day 2 processing, day 3 entry.
        CollectionDates.ForDueDate(new LocalDate(2025, 3, 5), Calendar).ShouldBe(
            new CollectionDays(new LocalDate(2025, 3, 3), new LocalDate(2025, 3, 4), new LocalDate(2025, 3, 5)));
    }

    [Fact]
    public void A_collection_due_on_Good_Friday_moves_to_the_Tuesday_after_Easter_Monday()
    {
        // formats.md 3: a due date on a non-processing day moves to the next working day, never earlier.
        var days = CollectionDates.ForDueDate(new LocalDate(2025, 4, 18), Calendar);
        days.EntryDay.ShouldBe(new LocalDate(2025, 4, 22));
        days.ProcessingDay.ShouldBe(new LocalDate(2025, 4, 17));
        days.InputDay.ShouldBe(new LocalDate(2025, 4, 16));
    }

    [Fact]
    public void Advance_notice_is_ten_working_days_unless_a_shorter_period_was_agreed()
    {
        // formats.md 3: 10 working days before the first collection or a change, unless agreed otherwise.
        CollectionDates.LatestNoticeDate(new LocalDate(2025, 3, 17), Calendar).ShouldBe(new LocalDate(2025, 3, 3));
        CollectionDates.LatestNoticeDate(new LocalDate(2025, 3, 17), Calendar, agreedWorkingDays: 3).ShouldBe(new LocalDate(2025, 3, 12));
        CollectionDates.EarliestCollection(new LocalDate(2025, 3, 3), Calendar).ShouldBe(new LocalDate(2025, 3, 17));
    }

    [Fact]
    public void Every_collection_enters_on_or_after_its_due_date_on_working_days_in_order()
    {
        var dates = Gen.Choose(0, 3650).Select(d => new LocalDate(2024, 1, 1).PlusDays(d)).ToArbitrary();
        PropertyCheck.Holds(Prop.ForAll(dates, due =>
        {
            var days = CollectionDates.ForDueDate(due, Calendar);
            return days.EntryDay >= due
                && Calendar.IsWorkingDay(days.InputDay) && Calendar.IsWorkingDay(days.ProcessingDay) && Calendar.IsWorkingDay(days.EntryDay)
                && days.InputDay < days.ProcessingDay && days.ProcessingDay < days.EntryDay
                && Calendar.WorkingDaysBetween(days.ProcessingDay, days.EntryDay) == 1;
        }), tests: 1000);
    }
}
