using FsCheck;
using FsCheck.Fluent;
using Reeve.Kernel;
using Reeve.Payments.Domain.Receipts;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Domain.Receipts;

public class PayerReferenceTests
{
    // Council tax account 1: 5, seven digits of sequence, and the Luhn check digit.
    private static readonly string First = AccountReference.Create(AccountKind.CouncilTax, 1).Value;

    [Theory]
    [InlineData("CTAX {0}")]
    [InlineData("SMITH J, {0} COUNCIL TAX")]
    [InlineData("{0}")]
    public void A_valid_reference_is_found_in_what_the_payer_wrote(string text)
    {
        var reading = PayerReference.Read(string.Format(System.Globalization.CultureInfo.InvariantCulture, text, First));

        reading.ShouldBeOfType<ReferenceReading.Found>().Reference.Value.ShouldBe(First);
    }

    [Fact]
    public void A_reference_typed_in_groups_is_found()
    {
        var grouped = $"REF {First[..3]} {First[3..6]} {First[6..]}";

        PayerReference.Read(grouped).ShouldBeOfType<ReferenceReading.Found>().Reference.Value.ShouldBe(First);
    }

    [Fact]
    public void Nine_digits_with_a_wrong_check_digit_are_a_mistyped_reference()
    {
        // formats.md 5.3: the check digit sends a mistyped reference to suspense instead of the wrong account.
        var wrong = First[..8] + (char)('0' + ((First[8] - '0' + 1) % 10));

        var reading = PayerReference.Read("CTAX " + wrong).ShouldBeOfType<ReferenceReading.NotFound>();

        reading.Reason.ShouldBe(SuspenseReason.CheckDigitWrong);
        reading.Candidates.ShouldBe([wrong]);
    }

    [Theory]
    [InlineData("BANK CHARGES")]
    [InlineData("INVOICE 123456789")] // nine digits, but no reference starts with 1
    [InlineData("CTAX 50000001")] // eight digits
    public void Text_without_a_reference_shape_has_no_reference(string text)
    {
        PayerReference.Read(text).ShouldBeOfType<ReferenceReading.NotFound>().Reason.ShouldBe(SuspenseReason.NoReference);
    }

    [Fact]
    public void Two_different_valid_references_in_one_credit_are_several_references()
    {
        var second = AccountReference.Create(AccountKind.CouncilTax, 2).Value;

        PayerReference.Read($"{First} AND {second}").ShouldBeOfType<ReferenceReading.NotFound>().Reason.ShouldBe(SuspenseReason.SeveralReferences);
    }

    [Theory]
    [InlineData("CTAX 2024/25", 2024)]
    [InlineData("ARREARS 2023-24 ONLY", 2023)]
    [InlineData("2024 / 25", 2024)]
    public void A_financial_year_the_payer_names_is_read(string text, int year)
    {
        PayerReference.NamedYear(text).ShouldBe(new FinancialYear(year));
    }

    [Theory]
    [InlineData("2024/26")]
    [InlineData("2023/24 AND 2024/25")]
    [InlineData("NO YEAR")]
    public void No_year_is_read_unless_exactly_one_real_year_is_named(string text)
    {
        PayerReference.NamedYear(text).ShouldBeNull();
    }

    [Fact]
    public void Every_single_digit_slip_or_neighbour_swap_of_a_reference_leads_back_to_it()
    {
        // The Luhn digit catches any one wrong digit and any swap of neighbours except 09/90, so the valid
        // references one slip away from what was typed always include the one meant.
        var slips = Gen.Zip(Gen.Zip(Gen.Choose(1, 9_999_999), Gen.Choose(0, 8)), Gen.Zip(Gen.Choose(1, 9), Gen.Elements(true, false)));
        PropertyCheck.Holds(Prop.ForAll(slips.ToArbitrary(), s =>
        {
            var ((sequence, position), (shift, swap)) = s;
            var meant = AccountReference.Create(AccountKind.CouncilTax, sequence);
            var typed = meant.Value.ToCharArray();
            if (swap && position < 8 && typed[position] != typed[position + 1])
            {
                (typed[position], typed[position + 1]) = (typed[position + 1], typed[position]);
            }
            else
            {
                typed[position] = (char)('0' + ((typed[position] - '0' + shift) % 10));
            }

            var text = new string(typed);
            var luhnBlind = text.Contains("09", StringComparison.Ordinal) || text.Contains("90", StringComparison.Ordinal);
            return luhnBlind || PayerReference.OneSlipAway(text).Contains(meant);
        }), tests: 2000);
    }

    [Theory]
    [InlineData("CTAX 1 MILL LANE wd1 1ab", "WD1 1AB")]
    [InlineData("SW1A2AA", "SW1A 2AA")]
    [InlineData("NO POSTCODE HERE", null)]
    public void A_postcode_written_in_the_reference_is_read(string text, string? postcode)
    {
        PayerReference.Postcode(text).ShouldBe(postcode);
    }
}
