namespace Reeve.Letters.Tests;

public sealed class Code128Tests
{
    // Module strings of single symbols as published in ZXing's Code128WriterTestCase.
    private const string StartB = "11010010000";
    private const string StartC = "11010011100";
    private const string SwitchToB = "10111101110";
    private const string Stop = "1100011101011";
    private const string DigitOneInB = "10011100110";
    private const string DigitTwoInB = "11001110010";
    private const string DigitThreeInB = "11001011100";

    [Fact]
    public void Every_symbol_is_eleven_modules_with_an_even_bar_width_and_the_stop_thirteen()
    {
        var patterns = Code128.SymbolPatterns;
        patterns.Count.ShouldBe(107);
        patterns.Take(106).ShouldAllBe(p => p.Length == 6 && p.Sum(c => c - '0') == 11 && (p[0] - '0' + p[2] - '0' + p[4] - '0') % 2 == 0);
        patterns[106].Sum(c => c - '0').ShouldBe(13);
        patterns.Distinct().Count().ShouldBe(107);
    }

    [Fact]
    public void Three_digits_go_in_code_set_B_as_ZXing_encodes_them()
    {
        // Check symbol: (104 + 1×17 + 2×18 + 3×19) mod 103 = 8, pattern 132212.
        Code128.Symbols("123").ShouldBe([104, 17, 18, 19, 8, 106]);
        Code128.Modules("123").ShouldBe(StartB + DigitOneInB + DigitTwoInB + DigitThreeInB + "10001100100" + Stop);
    }

    [Fact]
    public void An_account_reference_packs_digit_pairs_in_set_C_and_its_odd_last_digit_in_set_B()
    {
        // 500012349: start C, 50 00 12 34, switch to B, '9' (25); check (105+50+0+36+136+500+150) mod 103 = 50.
        Code128.Symbols("500012349").ShouldBe([105, 50, 0, 12, 34, 100, 25, 50, 106]);
        var modules = Code128.Modules("500012349");
        modules.ShouldStartWith(StartC);
        modules.Substring(11 * 5, 11).ShouldBe(SwitchToB);
        modules.ShouldEndWith(Stop);
        modules.Length.ShouldBe((11 * 8) + 13);
    }

    [Fact]
    public void Text_outside_printable_ASCII_is_refused()
    {
        Should.Throw<ArgumentException>(() => Code128.Symbols("£5"));
        Should.Throw<ArgumentException>(() => Code128.Symbols(""));
    }
}
