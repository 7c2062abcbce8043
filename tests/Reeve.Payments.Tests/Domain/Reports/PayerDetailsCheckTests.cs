using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Reports;

namespace Reeve.Payments.Tests.Domain.Reports;

public class PayerDetailsCheckTests
{
    private static PayerDetails Held(string name = "J Smith") => new(SortCode.Parse("089999"), AccountNumber.Parse("66374958"), name);

    [Theory]
    [InlineData("J Smith", "J SMITH")]
    [InlineData("J Smith", "j  smith")]
    [InlineData("Mrs J. O'Brien-Smith", "MRS J OBRIEN SMITH")]
    [InlineData("Alexandra Catherine Montgomery", "ALEXANDRA CATHERIN")] // Bacs keeps 18 characters (formats.md 1.6)
    [InlineData("J Smith", "")]
    public void Names_that_differ_only_in_case_spacing_punctuation_or_Bacs_truncation_agree(string held, string reported)
    {
        PayerDetailsCheck.SameName(held, reported).ShouldBeTrue();
    }

    [Theory]
    [InlineData("J Smith", "A JONES")]
    [InlineData("J Smith", "J SMITHSON")]
    [InlineData("Alexandra Catherine Montgomery", "ALEXANDRA")] // shorter than what Bacs would have kept
    public void Names_of_other_people_differ(string held, string reported)
    {
        PayerDetailsCheck.SameName(held, reported).ShouldBeFalse();
    }

    [Fact]
    public void Each_difference_names_what_the_report_has_and_what_the_mandate_holds()
    {
        var reported = new PayerDetails(SortCode.Parse("10-79-99"), AccountNumber.Parse("88837491"), "A JONES");

        PayerDetailsCheck.Differences(Held(), reported).ShouldBe([
            "sort code: the report has 10-79-99, the mandate 08-99-99",
            "account number: the report has 88837491, the mandate 66374958",
            "payer's name: the report has 'A JONES', the mandate 'J Smith'",
        ]);
        PayerDetailsCheck.Differences(Held(), Held("J SMITH")).ShouldBeEmpty();
    }
}

public class ReportEntryKeysTests
{
    private static AddacsAdvice Advice(string? aosn, string reason = "1", string reference = "CT500012345") => new(
        reference, new LocalDate(2025, 5, 6), ReasonCodes.Find(ReasonCodes.Addacs, reason), "J SMITH", SortCode.Parse("089999"), AccountNumber.Parse("66374958"), null, null, aosn);

    [Fact]
    public void An_advice_is_known_by_the_banks_sequence_number_and_by_what_it_says()
    {
        var keys = ReportEntryKeys.For("123456", Advice("00000001"));

        keys.ShouldBe([
            "addacs|123456|aosn|1|CT500012345|2025-05-06",
            "addacs|123456|item|CT500012345|1|2025-05-06|089999|66374958",
        ]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("00000000")]
    public void Without_a_sequence_number_an_advice_is_known_by_what_it_says(string? aosn)
    {
        ReportEntryKeys.For("123456", Advice(aosn)).ShouldHaveSingleItem().ShouldStartWith("addacs|123456|item|");
    }

    [Fact]
    public void Keys_differ_by_service_user_reference_and_reason()
    {
        var one = ReportEntryKeys.For("123456", Advice(null));
        ReportEntryKeys.For("434343", Advice(null)).ShouldNotBe(one);
        ReportEntryKeys.For("123456", Advice(null, reason: "B")).ShouldNotBe(one);
        ReportEntryKeys.For("123456", Advice(null, reference: "CT500012346")).ShouldNotBe(one);
    }

    [Fact]
    public void A_returned_debit_is_known_by_its_reference_day_code_and_amount_whatever_report_brings_it()
    {
        var item = new ReturnedDebit("ct500012345 ", "17", "0128", "REFER TO PAYER", ReasonCodes.AruddReason("0128", null), new LocalDate(2025, 3, 5),
            Money.FromPence(65_00), SortCode.Parse("089999"), AccountNumber.Parse("66374958"), "J SMITH");

        ReportEntryKeys.For("123456", item).ShouldBe(["arudd|123456|item|CT500012345|2025-03-05|17|6500"]);
    }
}
