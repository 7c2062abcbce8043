using Reeve.Kernel;
using Reeve.Payments.Domain.Suspense;

namespace Reeve.Payments.Tests.Domain.Suspense;

public class SuspenseMatchingTests
{
    private static readonly AccountReference Meant = AccountReference.Create(AccountKind.CouncilTax, 1234);
    private static readonly AccountReference Other = AccountReference.Create(AccountKind.CouncilTax, 999);

    private static string Mistyped(AccountReference r) => r.Value[..2] + (char)('0' + ((r.Value[2] - '0' + 1) % 10)) + r.Value[3..];

    private static CandidateAccount Candidate(AccountReference reference, string surname = "Nobody", string forenames = "Pat", string? postcode = null, params long[] instalments) =>
        new(reference.Value.GetHashCode(StringComparison.Ordinal), reference, [new LiableName(forenames, surname, $"{forenames} {surname}")], postcode,
            instalments.Select(Money.FromPence).ToList());

    [Fact]
    public void The_account_one_mistyped_digit_away_is_suggested_first()
    {
        var credit = new UnmatchedCredit(Money.FromPence(10_000), "CTAX " + Mistyped(Meant), "J SMITH");

        var suggestions = SuspenseMatching.Suggest(credit, [Candidate(Other, "Smith", "John"), Candidate(Meant)]);

        suggestions[0].Reference.ShouldBe(Meant);
        suggestions[0].Score.ShouldBe(SuspenseMatching.TypoScore);
        suggestions[1].Reference.ShouldBe(Other);
        suggestions[1].Score.ShouldBe(SuspenseMatching.SurnameScore + SuspenseMatching.ForenameScore);
        suggestions[1].Why.ShouldHaveSingleItem().ShouldContain("payer name matches John Smith");
    }

    [Fact]
    public void Postcode_surname_and_an_instalment_amount_add_up_and_each_is_explained()
    {
        var credit = new UnmatchedCredit(Money.FromPence(12_050), "COUNCIL TAX WD1 1AB", "MRS A HART");

        var suggestion = SuspenseMatching.Suggest(credit, [Candidate(Meant, "Hart", "Beth", "WD1 1AB", 12_050, 12_000)]).ShouldHaveSingleItem();

        suggestion.Score.ShouldBe(SuspenseMatching.PostcodeScore + SuspenseMatching.SurnameScore + SuspenseMatching.InstalmentScore);
        suggestion.Why.Count.ShouldBe(3);
    }

    [Fact]
    public void An_account_with_no_evidence_is_not_suggested()
    {
        SuspenseMatching.Suggest(new UnmatchedCredit(Money.FromPence(1), "NOTHING", null), [Candidate(Meant)]).ShouldBeEmpty();
    }
}
