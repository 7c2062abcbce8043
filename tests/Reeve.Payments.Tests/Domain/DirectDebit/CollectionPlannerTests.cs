using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.DirectDebit;

namespace Reeve.Payments.Tests.Domain.DirectDebit;

public class CollectionPlannerTests
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    private static MandatePayer Payer(long id) => new(id, id, "J SMITH", SortCode.Parse("089999"), AccountNumber.Parse("66374958"), $"CT50000001{id}");

    private static DueInstalment Due(long mandate, LocalDate dueOn, bool collectedBefore = true, bool isFinal = false, LocalDate? notice = null) =>
        new(Payer(mandate), new LocalDate(2025, 3, 3), collectedBefore, isFinal, new FinancialYear(2025), dueOn, Money.FromPence(100_00), notice ?? new LocalDate(2025, 3, 10));

    [Fact]
    public void A_due_day_on_a_weekend_or_bank_holiday_is_collected_on_the_working_day_after_it()
    {
        // Saturday 3 May to Monday 5 May 2025 (a bank holiday) all fall to Tuesday 6 May, processed Friday 2 May.
        var (from, to) = CollectionPlanner.DueWindow(new LocalDate(2025, 5, 2), Calendar);

        (from, to).ShouldBe((new LocalDate(2025, 5, 3), new LocalDate(2025, 5, 6)));
    }

    [Fact]
    public void A_new_mandate_collects_01_once_then_17_and_a_final_instalment_19()
    {
        var plan = CollectionPlanner.Plan(new LocalDate(2025, 5, 2), Calendar, 3,
            [Due(1, new LocalDate(2025, 5, 3), collectedBefore: false), Due(1, new LocalDate(2025, 5, 5), collectedBefore: false), Due(2, new LocalDate(2025, 5, 6)), Due(3, new LocalDate(2025, 5, 6), isFinal: true)],
            []);

        plan.Collections.Select(c => (c.Payer.MandateId, c.Code)).ShouldBe(
            [(1L, TransactionCode.FirstCollection), (1L, TransactionCode.RegularCollection), (2L, TransactionCode.RegularCollection), (3L, TransactionCode.FinalCollection)]);
        plan.EntryDate.ShouldBe(new LocalDate(2025, 5, 6));
        plan.Total.ShouldBe(Money.FromPence(400_00));
    }

    [Fact]
    public void Nine_working_days_notice_is_not_enough()
    {
        // Entry Tuesday 6 May 2025; 10 working days before it is Thursday 17 April (Good Friday, Easter Monday and 5 May are holidays).
        var tenDays = CollectionPlanner.Plan(new LocalDate(2025, 5, 2), Calendar, 3, [Due(1, new LocalDate(2025, 5, 6), notice: new LocalDate(2025, 4, 17))], []);
        var nineDays = CollectionPlanner.Plan(new LocalDate(2025, 5, 2), Calendar, 3, [Due(1, new LocalDate(2025, 5, 6), notice: new LocalDate(2025, 4, 22))], []);

        tenDays.Collections.ShouldHaveSingleItem();
        nineDays.Collections.ShouldBeEmpty();
        nineDays.Skipped.ShouldHaveSingleItem().Reason.ShouldContain("runs to 2025-05-07");
    }

    [Fact]
    public void An_instalment_whose_stream_cannot_say_when_the_payer_was_told_is_not_collected()
    {
        var noticed = Due(1, new LocalDate(2025, 5, 6));
        var plan = CollectionPlanner.Plan(new LocalDate(2025, 5, 2), Calendar, 3, [noticed, Due(2, new LocalDate(2025, 5, 6)) with { NoticeGivenOn = null }], []);

        plan.Collections.ShouldHaveSingleItem().Payer.MandateId.ShouldBe(1L);
        var skipped = plan.Skipped.ShouldHaveSingleItem();
        skipped.Payer.MandateId.ShouldBe(2L);
        skipped.Reason.ShouldBe("no advance notice of this instalment is on record");
    }

    [Fact]
    public void A_returned_debit_is_re_presented_within_a_month_and_expires_after_it()
    {
        var returned = new ReturnedCollection(Payer(1), 9, new FinancialYear(2025), new LocalDate(2025, 4, 1), Money.FromPence(100_00), new LocalDate(2025, 3, 31), new LocalDate(2025, 4, 2));

        var within = CollectionPlanner.Plan(new LocalDate(2025, 4, 30), Calendar, 3, [], [returned]);
        var after = CollectionPlanner.Plan(new LocalDate(2025, 5, 2), Calendar, 3, [], [returned]);

        within.Collections.ShouldHaveSingleItem().Code.ShouldBe(TransactionCode.RePresentation);
        within.Collections[0].RePresents.ShouldBe(9);
        after.Collections.ShouldBeEmpty();
        after.Expired.ShouldHaveSingleItem();
    }
}
