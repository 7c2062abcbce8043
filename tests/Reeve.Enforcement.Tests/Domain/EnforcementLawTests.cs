using Reeve.Enforcement.Domain;
using Reeve.Kernel;

namespace Reeve.Enforcement.Tests.Domain;

public sealed class EnforcementLawTests
{
    [Fact]
    public void Requests_for_information_and_attachment_are_council_tax_remedies_only()
    {
        // CTAE Regs 1992 regs 36-39; a business rates order is enforced under the NNDR Regs 1989 regs 14-20.
        EnforcementLaw.WhyNotUnder(RecoveryRegime.CouncilTax).ShouldBeNull();
        EnforcementLaw.WhyNotUnder(RecoveryRegime.BusinessRates)!.ShouldContain("NNDR Regs 1989");
        EnforcementLaw.WhyNotUnder(RecoveryRegime.CountyCourt).ShouldNotBeNull();
        EnforcementLaw.WhyNotUnder(null).ShouldNotBeNull();
    }

    [Fact]
    public void What_an_order_leaves_is_its_total_less_what_has_been_paid_never_below_nothing()
    {
        EnforcementLaw.Outstanding(Money.FromPence(146_000), Money.FromPence(150_000)).ShouldBe(Money.FromPence(146_000));
        EnforcementLaw.Outstanding(Money.FromPence(146_000), Money.FromPence(46_000)).ShouldBe(Money.FromPence(46_000));
        EnforcementLaw.Outstanding(Money.FromPence(146_000), Money.FromPence(-500)).ShouldBe(Money.Zero);
    }

    [Theory]
    [InlineData("Acme Widgets Limited", "AB1 2CD", "ACME WIDGETS LTD.", "ab12cd", true)]
    [InlineData("Smith & Sons", "AB1 2CD", "Smith and Sons", "AB1 2CD", true)]
    [InlineData("Acme Widgets Limited", "AB1 2CD", "Acme Widgets Limited", "AB1 2CE", false)]
    public void Employers_are_matched_on_their_folded_name_and_postcode(string name1, string pc1, string name2, string pc2, bool same) =>
        (EnforcementLaw.EmployerKey(name1, pc1) == EnforcementLaw.EmployerKey(name2, pc2)).ShouldBe(same);

    [Fact]
    public void A_reply_is_due_14_days_after_the_request_and_flagged_from_the_day_after()
    {
        var due = EnforcementLaw.ReplyDue(new NodaTime.LocalDate(2025, 7, 1));
        due.ShouldBe(new NodaTime.LocalDate(2025, 7, 15));
        EnforcementLaw.Unanswered(due, due).ShouldBeFalse();
        EnforcementLaw.Unanswered(due, due.PlusDays(1)).ShouldBeTrue();
    }
}
