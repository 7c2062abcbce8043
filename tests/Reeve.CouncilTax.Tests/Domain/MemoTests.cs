using Reeve.CouncilTax.Domain;

namespace Reeve.CouncilTax.Tests.Domain;

public sealed class MemoTests
{
    [Fact]
    public void A_question_asked_again_is_answered_from_memory()
    {
        var memo = new Memo<int, string>(capacity: 10);
        var worked = 0;

        var first = memo.Get(7, k => { worked++; return $"seven {k}"; });
        var second = memo.Get(7, k => { worked++; return $"again {k}"; });

        second.ShouldBeSameAs(first);
        worked.ShouldBe(1);
    }

    [Fact]
    public void A_full_memo_starts_again_rather_than_growing()
    {
        var memo = new Memo<int, int>(capacity: 2);
        var worked = 0;
        int Work(int k) { worked++; return k * 2; }

        memo.Get(1, Work);
        memo.Get(2, Work);
        memo.Get(3, Work);
        memo.Get(1, Work).ShouldBe(2);

        worked.ShouldBe(4);
    }

    [Fact]
    public void The_same_charge_case_gives_the_same_answer_as_working_it_afresh()
    {
        var charge = Reeve.Kernel.Money.FromPence(228_014);
        var first = BandRatios.AnnualCharge(charge, Band.C, disabledBandReduction: true);
        var again = BandRatios.AnnualCharge(charge, Band.C, disabledBandReduction: true);

        again.ShouldBeSameAs(first);
        again.Annual.ShouldBe(Reeve.Kernel.Rounding.RoundHalfUpToPence(charge, 7, 9));
    }
}
