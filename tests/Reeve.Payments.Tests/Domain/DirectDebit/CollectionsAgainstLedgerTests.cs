using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.DirectDebit;
using static Reeve.Payments.Domain.DirectDebit.CollectionsAgainstLedger;

namespace Reeve.Payments.Tests.Domain.DirectDebit;

public class CollectionsAgainstLedgerTests
{
    private static readonly CouncilId Council = new(1);
    private static readonly FinancialYear Year = new(2026);

    private static CollectionLine Collection(long entryId, long pence, string status, string? code = null) =>
        new(1, "000001", new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 1), "17", Money.FromPence(pence), status, code, entryId);

    private static PostedEntry Payment(long entryId, long pence, LocalDate on) =>
        new(Council, entryId, 7, EntryKind.Payment, Book.Cash, Book.Debtors, Money.FromPence(pence), Year, on, Instant.FromUtc(2026, 5, 1, 9, 0),
            "dd", "Direct Debit collection", "Payments", null, null);

    private static PostedEntry Reversal(long entryId, long reverses, long pence, LocalDate on) =>
        new(Council, entryId, 7, EntryKind.Reversal, Book.Debtors, Book.Cash, Money.FromPence(pence), Year, on, Instant.FromUtc(2026, 5, 9, 9, 0),
            "arudd", "Returned unpaid", "Payments", reverses, null);

    [Fact]
    public void A_collection_paid_and_one_returned_and_reversed_both_agree_with_the_ledger()
    {
        var check = Compare(
            [Collection(10, 12_300, "collected"), Collection(11, 12_300, "unpaid", "1")],
            [Payment(10, 12_300, new LocalDate(2026, 5, 1)), Payment(11, 12_300, new LocalDate(2026, 6, 1)), Reversal(12, 11, 12_300, new LocalDate(2026, 6, 9))]);

        check.Agrees.ShouldBeTrue();
        check.Collected.ShouldBe(Money.FromPence(24_600));
        check.Returned.ShouldBe(Money.FromPence(12_300));
        check.Kept.ShouldBe(Money.FromPence(12_300));
        check.LedgerNet.ShouldBe(Money.FromPence(12_300));
        check.Lines[1].State.ShouldBe(LedgerState.Reversed);
        check.Lines[1].ReversedOn.ShouldBe(new LocalDate(2026, 6, 9));
    }

    [Fact]
    public void A_collection_marked_returned_whose_payment_still_stands_is_flagged()
    {
        // The ARUDD changed the collection but the ledger was never reversed: the account would show money it never kept.
        var check = Compare([Collection(10, 12_300, "represent-due", "0")], [Payment(10, 12_300, new LocalDate(2026, 5, 1))]);

        check.Agrees.ShouldBeFalse();
        check.Lines.ShouldHaveSingleItem().Agrees.ShouldBeFalse();
        check.Kept.ShouldBe(Money.Zero);
        check.LedgerNet.ShouldBe(Money.FromPence(12_300));
    }

    [Fact]
    public void A_collected_payment_reversed_in_the_ledger_is_flagged()
    {
        var check = Compare(
            [Collection(10, 12_300, "collected")],
            [Payment(10, 12_300, new LocalDate(2026, 5, 1)), Reversal(11, 10, 12_300, new LocalDate(2026, 5, 2))]);

        check.Agrees.ShouldBeFalse();
        check.Lines.ShouldHaveSingleItem().State.ShouldBe(LedgerState.Reversed);
    }

    [Fact]
    public void A_collection_with_no_payment_of_its_amount_in_the_ledger_is_missing()
    {
        var check = Compare([Collection(10, 12_300, "collected"), Collection(20, 5_000, "collected")], [Payment(10, 12_000, new LocalDate(2026, 5, 1))]);

        check.Lines.ShouldAllBe(l => l.State == LedgerState.Missing && !l.Agrees);
        check.Agrees.ShouldBeFalse();
    }
}
