using System.Text.Json.Nodes;
using Reeve.Calculators;

namespace Reeve.Sundry.Tests.Features.CalculateLatePaymentInterest;

/// <summary>
/// `late-payment-interest` (shared/contracts.md) against cases worked by hand from rulebook 4.1: interest = debt x (8 + reference
/// rate)% x days / 365, rounded once; the reference rate is Bank Rate on 31 December or 30 June before interest starts (SI 2002/1675 art 4).
/// </summary>
public sealed class LatePaymentInterestCalculatorTests
{
    private static JsonObject Run(string json, bool ok = true)
    {
        var (succeeded, result) = CalculatorCatalogue.Create().Run("late-payment-interest", json);
        succeeded.ShouldBe(ok, result.ToJsonString());
        return result;
    }

    [Fact]
    public void The_contracts_worked_example_with_rates_given_gives_160_68_interest_and_70_compensation()
    {
        // 5,000.00 x 12.75% x 92 days / 365 = 160.684...; daily 5,000 x 12.75% / 365 = 1.7465...
        var result = Run("""{ "debt": "5000.00", "dueDate": "2025-05-31", "asAt": "2025-08-31", "baseRates": [ { "from": "2024-11-07", "rate": "4.75" }, { "from": "2025-02-06", "rate": "4.50" } ] }""");
        result["interest"]!.GetValue<string>().ShouldBe("160.68");
        result["dailyInterest"]!.GetValue<string>().ShouldBe("1.75");
        result["compensation"]!.GetValue<string>().ShouldBe("70.00");
        result["referenceRate"]!.GetValue<string>().ShouldBe("4.75");
        result["annualRate"]!.GetValue<string>().ShouldBe("12.75");
        result["explanation"]!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public void The_built_in_table_gives_the_same_reference_rate_as_the_contract_lists_for_31_December_2024()
    {
        var result = Run("""{ "debt": "5000.00", "dueDate": "2025-05-31", "asAt": "2025-08-31" }""");
        result["referenceRate"]!.GetValue<string>().ShouldBe("4.75");
        result["interest"]!.GetValue<string>().ShouldBe("160.68");
    }

    [Fact]
    public void Interest_starting_on_30_June_takes_the_31_December_rate()
    {
        // Due 29 June 2025: interest runs from 30 June, in the January-June half, so Bank Rate on 31 Dec 2024 (4.75).
        // 1,000.00 x 12.75% x 30 / 365 = 10.479 -> 10.48.
        var result = Run("""{ "debt": "1000.00", "dueDate": "2025-06-29", "asAt": "2025-07-29" }""");
        result["referenceRate"]!.GetValue<string>().ShouldBe("4.75");
        result["interest"]!.GetValue<string>().ShouldBe("10.48");
    }

    [Fact]
    public void Interest_starting_on_1_July_takes_the_30_June_rate()
    {
        // Due 30 June 2025: interest runs from 1 July, so Bank Rate on 30 June 2025 (4.25): 12.25%.
        // 1,000.00 x 12.25% x 30 / 365 = 10.068 -> 10.07; daily 0.3356 -> 0.34.
        var result = Run("""{ "debt": "1000.00", "dueDate": "2025-06-30", "asAt": "2025-07-30" }""");
        result["referenceRate"]!.GetValue<string>().ShouldBe("4.25");
        result["annualRate"]!.GetValue<string>().ShouldBe("12.25");
        result["interest"]!.GetValue<string>().ShouldBe("10.07");
        result["dailyInterest"]!.GetValue<string>().ShouldBe("0.34");
    }

    [Fact]
    public void Interest_starting_on_1_January_takes_the_rate_on_the_31_December_just_before()
    {
        // Due 31 Dec 2025: interest from 1 Jan 2026, Bank Rate on 31 Dec 2025 (3.75): 11.75%. 999.99 x 11.75% x 10 / 365 = 3.219 -> 3.22.
        var result = Run("""{ "debt": "999.99", "dueDate": "2025-12-31", "asAt": "2026-01-10" }""");
        result["referenceRate"]!.GetValue<string>().ShouldBe("3.75");
        result["interest"]!.GetValue<string>().ShouldBe("3.22");
        result["compensation"]!.GetValue<string>().ShouldBe("40.00");
    }

    [Fact]
    public void The_reference_rate_stays_fixed_when_a_later_half_year_begins()
    {
        // Due 31 May 2025, worked to 31 Jan 2026: 245 days all at 12.75% (not 12.25% from July). 5,000 x 12.75% x 245 / 365 = 427.91.
        var result = Run("""{ "debt": "5000.00", "dueDate": "2025-05-31", "asAt": "2026-01-31" }""");
        result["annualRate"]!.GetValue<string>().ShouldBe("12.75");
        result["interest"]!.GetValue<string>().ShouldBe("427.91");
    }

    [Theory]
    [InlineData("999.99", "40.00")]
    [InlineData("1000.00", "70.00")]
    [InlineData("9999.99", "70.00")]
    [InlineData("10000.00", "100.00")]
    public void Fixed_compensation_follows_the_size_of_the_debt(string debt, string compensation)
    {
        // Late Payment of Commercial Debts (Interest) Act 1998 s5A(2).
        Run($$"""{ "debt": "{{debt}}", "dueDate": "2025-05-31", "asAt": "2025-06-30" }""")["compensation"]!.GetValue<string>().ShouldBe(compensation);
    }

    [Theory]
    [InlineData("2022-06-15")] // reference day 31 Dec 2021: before the table
    [InlineData("2026-07-15")] // reference day 30 Jun 2026: after the last day the table is known to
    public void A_reference_day_the_table_does_not_cover_is_refused_naming_dueDate(string due)
    {
        var result = Run($$"""{ "debt": "100.00", "dueDate": "{{due}}", "asAt": "2026-12-31" }""", ok: false);
        result["error"]!["field"]!.GetValue<string>().ShouldBe("dueDate");
    }

    [Fact]
    public void Given_rates_cover_a_reference_day_the_built_in_table_does_not()
    {
        // Bank Rate on 31 Dec 2021 was 0.25 (from 16 Dec 2021): 8.25%. 2,000 x 8.25% x 31 / 365 = 14.013 -> 14.01.
        var result = Run("""{ "debt": "2000.00", "dueDate": "2022-01-31", "asAt": "2022-03-03", "baseRates": [ { "from": "2020-03-19", "rate": "0.10" }, { "from": "2021-12-16", "rate": "0.25" } ] }""");
        result["referenceRate"]!.GetValue<string>().ShouldBe("0.25");
        result["interest"]!.GetValue<string>().ShouldBe("14.01");
    }

    [Theory]
    [InlineData("""{ "debt": "100.00", "dueDate": "2025-05-31", "asAt": "2025-05-31" }""", "asAt")]
    [InlineData("""{ "debt": 100, "dueDate": "2025-05-31", "asAt": "2025-06-30" }""", "debt")]
    [InlineData("""{ "debt": "100.00", "dueDate": "2025-02-30", "asAt": "2025-06-30" }""", "dueDate")]
    [InlineData("""{ "dueDate": "2025-05-31", "asAt": "2025-06-30" }""", "debt")]
    [InlineData("""{ "debt": "100.00", "dueDate": "2025-05-31", "asAt": "2025-06-30", "baseRates": [ { "from": "2025-01-01", "rate": "four" } ] }""", "baseRates[0].rate")]
    public void Bad_input_is_refused_naming_the_field(string json, string field) =>
        Run(json, ok: false)["error"]!["field"]!.GetValue<string>().ShouldBe(field);
}
