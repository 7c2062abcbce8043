namespace Reeve.Kernel.Tests;

public class AccountReferenceTests
{
    private static readonly AccountReference[] Samples =
    [
        AccountReference.Create(AccountKind.CouncilTax, 1),
        AccountReference.Create(AccountKind.CouncilTax, 1_234_567),
        AccountReference.Create(AccountKind.BusinessRates, 9_999_999),
        AccountReference.Create(AccountKind.Sundry, 1_234),
        AccountReference.Create(AccountKind.SocialCare, 5_050_505),
        AccountReference.Create(AccountKind.HousingBenefitOverpayment, 909_090),
    ];

    [Theory]
    [InlineData(AccountKind.CouncilTax, 1L, "500000013")]
    [InlineData(AccountKind.CouncilTax, 2L, "500000021")]
    [InlineData(AccountKind.BusinessRates, 1L, "600000012")]
    [InlineData(AccountKind.Sundry, 1234L, "700012347")]
    public void A_reference_is_the_kind_digit_seven_of_sequence_and_a_Luhn_check_digit(AccountKind kind, long sequence, string expected) =>
        AccountReference.Create(kind, sequence).Value.ShouldBe(expected);

    [Fact]
    public void Every_reference_reads_back_as_itself_with_its_kind()
    {
        foreach (var kind in Enum.GetValues<AccountKind>())
        {
            foreach (var sequence in (long[])[1, 42, 1_000_000, 9_999_999])
            {
                var made = AccountReference.Create(kind, sequence);

                AccountReference.TryParse(made.Value, out var read, out var error).ShouldBeTrue(error);
                read.ShouldBe(made);
                read.Kind.ShouldBe(kind);
                read.ToString().ShouldBe(made.Value);
            }
        }
    }

    [Fact]
    public void Spaces_a_payer_types_between_digit_groups_are_ignored()
    {
        AccountReference.TryParse(" 500 000 013 ", out var read, out _).ShouldBeTrue();
        read.Value.ShouldBe("500000013");
    }

    [Fact]
    public void Every_single_mistyped_digit_is_detected()
    {
        // A payment quoting a mistyped reference must go to suspense, never to someone else's account.
        foreach (var reference in Samples)
        {
            foreach (var mistyped in SingleDigitChanges(reference.Value))
            {
                AccountReference.TryParse(mistyped, out _, out var error).ShouldBeFalse($"{mistyped} (from {reference}) was accepted");
                error.ShouldNotBeNullOrEmpty();
            }
        }
    }

    [Fact]
    public void Swapping_two_adjacent_digits_is_detected_unless_they_are_0_and_9()
    {
        // Luhn catches every adjacent transposition except 09 and 90, which double to the same sum.
        var checkedSwaps = 0;
        foreach (var reference in Samples)
        {
            var v = reference.Value;
            for (var i = 0; i < v.Length - 1; i++)
            {
                if (v[i] == v[i + 1])
                {
                    continue;
                }

                var swapped = string.Concat(v.AsSpan(0, i), $"{v[i + 1]}{v[i]}", v.AsSpan(i + 2));
                if ((v[i], v[i + 1]) is ('0', '9') or ('9', '0'))
                {
                    // The known blind spot: the check digit still fits, so only the leading-digit rule can catch it.
                    AccountReference.LuhnCheckDigit(swapped[..8]).ShouldBe(swapped[8] - '0');
                }
                else
                {
                    AccountReference.TryParse(swapped, out _, out _).ShouldBeFalse($"{swapped} (from {v}) was accepted");
                }

                checkedSwaps++;
            }
        }

        checkedSwaps.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void The_one_swap_Luhn_cannot_see_is_in_the_samples()
    {
        // Keeps the previous test honest: at least one sample really has a 0 next to a 9.
        Samples.ShouldContain(r => r.Value.Contains("09") || r.Value.Contains("90"));
    }

    [Theory]
    [InlineData(null, "An account reference is 9 digits")]
    [InlineData("", "An account reference is 9 digits")]
    [InlineData("50000001", "An account reference is 9 digits")]
    [InlineData("5000000131", "An account reference is 9 digits")]
    [InlineData("50000001X", "An account reference is 9 digits")]
    [InlineData("400000014", "An account reference starts with 5, 6, 7, 8 or 9")]
    [InlineData("500000014", "The account reference's check digit is wrong: check it has been typed correctly")]
    public void A_reference_that_cannot_be_ours_is_refused_with_the_reason(string? text, string reason)
    {
        AccountReference.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe(reason);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(10_000_000L)]
    public void A_sequence_outside_seven_digits_is_a_bug(long sequence) =>
        Should.Throw<ArgumentOutOfRangeException>(() => AccountReference.Create(AccountKind.CouncilTax, sequence));

    [Fact]
    public void Each_kind_has_its_own_code_and_title_and_reads_back_from_its_code()
    {
        foreach (var kind in Enum.GetValues<AccountKind>())
        {
            AccountKinds.FromCode(kind.Code()).ShouldBe(kind);
            kind.Title().ShouldNotBeNullOrWhiteSpace();
        }

        Should.Throw<ArgumentOutOfRangeException>(() => AccountKinds.FromCode("dog-licence"));
    }

    private static IEnumerable<string> SingleDigitChanges(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit != value[i])
                {
                    yield return string.Concat(value.AsSpan(0, i), digit.ToString(), value.AsSpan(i + 1));
                }
            }
        }
    }
}
