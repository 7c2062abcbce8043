using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Modulus;
using Reeve.Payments.Features.CheckBankDetails;

namespace Reeve.Payments.Tests.Domain.Modulus;

public class ModulusCheckTests
{
    internal static readonly ModulusWeightTable Table = ModulusTableFiles.Load(ModulusTableFiles.ShippedFolder);

    private static ModulusResult Check(string sortCode, string account) =>
        ModulusCheck.Check(Table, SortCode.Parse(sortCode), AccountNumber.Parse(account));

    // Every Vocalink test case in formats.md 4.3.
    [Theory]
    [InlineData("089999", "66374958", true, "MOD10 pass")]
    [InlineData("107999", "88837491", true, "MOD11 pass")]
    [InlineData("202959", "63748472", true, "MOD11 and DBLAL pass")]
    [InlineData("203099", "66831036", false, "MOD11 pass, DBLAL fail")]
    [InlineData("203099", "58716970", false, "MOD11 fail, DBLAL pass")]
    [InlineData("089999", "66374959", false, "MOD10 fail")]
    [InlineData("107999", "88837493", false, "MOD11 fail")]
    [InlineData("871427", "46238510", true, "exc 10 and 11")]
    [InlineData("872427", "46238510", true, "exc 10 and 11")]
    [InlineData("871427", "09123496", true, "exc 10, ab=09 g=9")]
    [InlineData("871427", "99123496", true, "exc 10, ab=99 g=9")]
    [InlineData("820000", "73688637", true, "exc 3, c=6")]
    [InlineData("827999", "73988638", true, "exc 3, c=9")]
    [InlineData("827101", "28748352", true, "exc 3, both checks")]
    [InlineData("134020", "63849203", true, "exc 4")]
    [InlineData("118765", "64371389", true, "exc 1")]
    [InlineData("118765", "64371388", false, "exc 1")]
    [InlineData("200915", "41011166", true, "exc 6")]
    [InlineData("938611", "07806039", true, "exc 5")]
    [InlineData("938600", "42368003", true, "exc 5 with substitution")]
    [InlineData("938063", "55065200", true, "exc 5")]
    [InlineData("938063", "15764273", false, "exc 5")]
    [InlineData("938063", "15764264", false, "exc 5")]
    [InlineData("772798", "99345694", true, "exc 7")]
    [InlineData("086090", "06774744", true, "exc 8")]
    [InlineData("309070", "02355688", true, "exc 2 and 9")]
    [InlineData("309070", "12345668", true, "exc 2 and 9")]
    [InlineData("309070", "12345677", true, "exc 2 and 9")]
    [InlineData("309070", "99345694", true, "exc 2 and 9")]
    [InlineData("074456", "12345112", true, "exc 12 and 13")]
    [InlineData("070116", "34012583", true, "exc 12 and 13")]
    [InlineData("074456", "11104102", true, "exc 12 and 13")]
    [InlineData("180002", "00000190", true, "exc 14")]
    [InlineData("180002", "98093517", true, "exc 14")]
    public void Every_Vocalink_test_case_gives_the_published_answer(string sortCode, string account, bool valid, string because)
    {
        Check(sortCode, account).Passes.ShouldBe(valid, because);
    }

    [Fact]
    public void The_worked_MOD10_example_sums_to_180()
    {
        // formats.md 4.4: row 089000-089999 MOD10, weights 0 0 0 0 0 0 7 1 3 7 1 3 7 1; the sum 180 is 0 mod 10.
        var row = Table.RowsFor(089999).ShouldHaveSingleItem();
        row.Method.ShouldBe(ModulusMethod.Mod10);
        row.Weights.ShouldBe([0, 0, 0, 0, 0, 0, 7, 1, 3, 7, 1, 3, 7, 1]);
        var digits = "08999966374958".Select(c => c - '0').ToArray();
        digits.Zip(row.Weights, (d, w) => d * w).Sum().ShouldBe(180);
        Check("089999", "66374958").Verdict.ShouldBe(ModulusVerdict.Valid);
    }

    [Fact]
    public void The_worked_MOD11_example_sums_to_242()
    {
        // formats.md 4.4: row 102400-107999 MOD11, weights 0 0 0 0 0 0 8 7 6 5 4 3 2 1; the sum 242 is 0 mod 11.
        var row = Table.RowsFor(107999).ShouldHaveSingleItem();
        var digits = "10799988837491".Select(c => c - '0').ToArray();
        digits.Zip(row.Weights, (d, w) => d * w).Sum().ShouldBe(242);
        Check("107999", "88837491").Verdict.ShouldBe(ModulusVerdict.Valid);
    }

    [Fact]
    public void The_worked_two_row_example_sums_to_143_and_a_digit_sum_of_60()
    {
        // formats.md 4.4: 202959 has a MOD11 row (sum 143) and a DBLAL row (digit sum 60); both pass.
        var rows = Table.RowsFor(202959);
        rows.Count.ShouldBe(2);
        var digits = "20295963748472".Select(c => c - '0').ToArray();
        digits.Zip(rows[0].Weights, (d, w) => d * w).Sum().ShouldBe(143);
        digits.Zip(rows[1].Weights, (d, w) => (d * w / 10) + (d * w % 10)).Sum().ShouldBe(60);
    }

    [Fact]
    public void A_sort_code_with_no_row_cannot_be_invalidated()
    {
        // formats.md 4.1 step 2: no row means the account cannot be checked, so it is treated as valid.
        Table.RowsFor(999999).ShouldBeEmpty();
        var result = Check("999999", "12345678");
        result.Verdict.ShouldBe(ModulusVerdict.NotCheckable);
        result.Passes.ShouldBeTrue();
    }

    [Fact]
    public void A_foreign_currency_account_under_exception_6_is_not_checkable()
    {
        // Exception 6: a is 4 to 8 and g equals h.
        Check("200915", "41011166").Verdict.ShouldBe(ModulusVerdict.NotCheckable);
    }

    [Fact]
    public void Six_and_seven_digit_account_numbers_are_padded_with_zeros_and_other_lengths_refused()
    {
        // Vocalink: six- and seven-digit account numbers take leading zeros; nine and ten need bank rules we do not guess.
        AccountNumber.Parse("123456").Digits.ShouldBe("00123456");
        AccountNumber.Parse("1234567").Digits.ShouldBe("01234567");
        AccountNumber.TryParse("123456789", out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        AccountNumber.TryParse("12a45678", out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_malformed_weight_table_line_is_refused_naming_the_line_and_field()
    {
        var error = Should.Throw<FormatException>(() =>
            ModulusWeightTable.Parse("089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1\n089000 089999 MOD12 0 0 0 0 0 0 7 1 3 7 1 3 7 1", ""));
        error.Message.ShouldBe("valacdos.txt line 2, field method: 'MOD12' is not MOD10, MOD11 or DBLAL");
    }

    [Fact]
    public void A_replacement_table_changes_the_answer_without_a_rebuild()
    {
        // The tables are data: a council loads the current files, and a changed row changes the result.
        var replaced = ModulusWeightTable.Parse("089000 089999 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1", "");
        ModulusCheck.Check(replaced, SortCode.Parse("08-99-99"), AccountNumber.Parse("66374958")).Passes.ShouldBeFalse();
    }
}
