using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Portal.Domain;

namespace Reeve.Portal.Tests.Domain;

public sealed class ProofTests
{
    private static ExplainedBill Bill(int year, LocalDate issued, long pence) =>
        new(new FinancialYear(year), 1, issued, Money.FromPence(pence), "annual billing", [], []);

    [Theory]
    [InlineData("sw1a 1aa", "SW1A1AA")]
    [InlineData(" SW1A  1AA ", "SW1A1AA")]
    [InlineData("wd7\t1ab", "WD71AB")]
    public void Postcodes_compare_without_spaces_or_case(string typed, string expected) => Proof.Postcode(typed).ShouldBe(expected);

    [Theory]
    [InlineData("£1,687.50", 168_750)]
    [InlineData("1687.50", 168_750)]
    [InlineData("1687", 168_700)]
    [InlineData(" 1,687.5 ", 168_750)]
    public void Amounts_are_read_as_residents_type_them(string typed, long pence)
    {
        Proof.TryAmount(typed, out var amount).ShouldBeTrue();
        amount.ShouldBe(Money.FromPence(pence));
    }

    [Theory]
    [InlineData("")]
    [InlineData("twelve pounds")]
    [InlineData("0")]
    [InlineData("-5.00")]
    public void An_amount_that_is_not_a_positive_sum_is_not_read(string typed) => Proof.TryAmount(typed, out _).ShouldBeFalse();

    [Fact]
    public void The_last_bill_is_the_one_issued_most_recently_not_the_latest_year()
    {
        // A 2025/26 bill re-issued in May 2026 is the last thing the resident received, after the 2026/27 annual bill of March.
        var annual = Bill(2026, new LocalDate(2026, 3, 9), 168_750);
        var rebill = Bill(2025, new LocalDate(2026, 5, 2), 91_003);
        Proof.LastBill([annual, rebill]).ShouldBe(rebill);
    }

    [Fact]
    public void Proof_needs_the_postcode_and_the_last_bill_amount_both_to_match()
    {
        var bills = new[] { Bill(2026, new LocalDate(2026, 3, 9), 168_750) };
        Proof.Matches("WD7 1AB", bills, "wd71ab", Money.FromPence(168_750)).ShouldBeTrue();
        Proof.Matches("WD7 1AB", bills, "WD7 1AC", Money.FromPence(168_750)).ShouldBeFalse();
        Proof.Matches("WD7 1AB", bills, "WD7 1AB", Money.FromPence(168_751)).ShouldBeFalse();
        Proof.Matches(null, bills, "", Money.FromPence(168_750)).ShouldBeFalse();
        Proof.Matches("WD7 1AB", [], "WD7 1AB", Money.FromPence(168_750)).ShouldBeFalse();
    }

    [Fact]
    public void A_code_is_stored_only_as_a_salted_hash_and_checks_only_itself()
    {
        var code = OneTimeCode.New();
        code.Length.ShouldBe(6);
        var stored = OneTimeCode.Hash(code);
        stored.ShouldNotContain(code);
        OneTimeCode.Hash(code).ShouldNotBe(stored);
        OneTimeCode.Verify(stored, code).ShouldBeTrue();
        OneTimeCode.Verify(stored, code[..3] + " " + code[3..]).ShouldBeTrue();
        OneTimeCode.Verify(stored, ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).ShouldBeFalse();
        OneTimeCode.Verify(stored, "").ShouldBeFalse();
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("ann@example", false)]
    [InlineData("ann example@example.com", false)]
    [InlineData("@example.com", false)]
    [InlineData("ann@@example.com", false)]
    public void Email_addresses_need_a_plausible_shape(string email, bool valid) => EmailAddress.IsValid(email).ShouldBe(valid);

    [Fact]
    public void The_lockout_starts_at_the_subject_or_address_limit()
    {
        SignInLimits.IsLocked(SignInLimits.RefusalsPerSubject - 1, SignInLimits.RefusalsPerAddress - 1).ShouldBeFalse();
        SignInLimits.IsLocked(SignInLimits.RefusalsPerSubject, 0).ShouldBeTrue();
        SignInLimits.IsLocked(0, SignInLimits.RefusalsPerAddress).ShouldBeTrue();
    }
}
