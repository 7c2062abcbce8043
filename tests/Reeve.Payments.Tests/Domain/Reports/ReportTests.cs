using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;

namespace Reeve.Payments.Tests.Domain.Reports;

public class AruddReportTests
{
    internal static string Arudd(string items, string totals = """<Totals numberOf="2" valueOf="88.45" currency="GBP"/>""") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <BACSDocument xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="newbacs-advices.xsd">
          <Data>
            <ARUDD>
              <Header reportType="REFT1019" adviceNumber="00000123" currentProcessingDate="2025-03-07"/>
              <AddresseeInformation name="ANYTOWN COUNCIL"/>
              <ServiceLicenseInformation userName="ANYTOWN COUNCIL" userNumber="123456"/>
              <Advice>
                <OriginatingAccountRecords>
                  <OriginatingAccountRecord>
                    <OriginatingAccount name="ANYTOWN COUNCIL" number="12345678" sortCode="40-12-34" type="0"/>
                    {items}
                    {totals}
                  </OriginatingAccountRecord>
                </OriginatingAccountRecords>
              </Advice>
            </ARUDD>
          </Data>
          <SignatureMethod>Vanilla</SignatureMethod><Signature>AAAA</Signature>
        </BACSDocument>
        """;

    internal const string TwoItems = """
        <ReturnedDebitItem ref="CT500012345" transCode="17" returnCode="0128" returnDescription="REFER TO PAYER" originalProcessingDate="2025-03-05" valueOf="65.00" currency="GBP">
          <PayerAccount number="66374958" ref="CT500012345" name="J SMITH" sortCode="08-99-99"/>
        </ReturnedDebitItem>
        <ReturnedDebitItem ref="CT500067890" transCode="01" returnCode="1012" returnDescription="INSTRUCTION CANCELLED" originalProcessingDate="2025-03-05" valueOf="23.45" currency="GBP">
          <PayerAccount number="88837491" ref="CT500067890" name="A JONES" sortCode="10-79-99"/>
        </ReturnedDebitItem>
        """;

    [Fact]
    public void An_ARUDD_report_is_read_with_pounds_as_pence_and_hyphens_gone()
    {
        // formats.md 2.3: valueOf is decimal pounds; sort codes carry hyphens.
        var report = AruddReport.Parse(Arudd(TwoItems)).ShouldBeOfType<Outcome<AruddReport>.Done>().Value;
        report.ServiceUserNumber.ShouldBe("123456");
        report.CurrentProcessingDate.ShouldBe(new LocalDate(2025, 3, 7));
        report.Items.Count.ShouldBe(2);
        report.Items[0].Amount.ShouldBe(Money.FromPence(6500));
        report.Items[0].PayerSortCode.Digits.ShouldBe("089999");
        report.Items[0].Reference.ShouldBe("CT500012345");
        report.Total.ShouldBe(Money.FromPence(8845));
    }

    [Fact]
    public void Return_code_0128_may_be_re_presented_and_1012_cancels_the_mandate()
    {
        // formats.md 2.3 and 2.6: 0128 is refer to payer (reason 0, re-present), 1012 instruction cancelled (reason 1).
        var report = ((Outcome<AruddReport>.Done)AruddReport.Parse(Arudd(TwoItems))).Value;
        report.Items[0].Reason.Action.ShouldBe(DirectDebitAction.RePresent);
        report.Items[1].Reason.Action.ShouldBe(DirectDebitAction.CancelMandate);
    }

    [Fact]
    public void An_unknown_return_code_is_read_from_its_description_or_sent_for_review()
    {
        ReasonCodes.AruddReason("0999", "PAYER DECEASED").Code.ShouldBe("2");
        ReasonCodes.AruddReason("0998", "SOMETHING NEW").Action.ShouldBe(DirectDebitAction.Review);
    }

    public static TheoryData<string, string> BadReports => new()
    {
        { Arudd(TwoItems, """<Totals numberOf="3" valueOf="88.45" currency="GBP"/>"""), AruddReport.RecordPath + "[1]/Totals/@numberOf" },
        { Arudd(TwoItems, """<Totals numberOf="2" valueOf="88.40" currency="GBP"/>"""), AruddReport.RecordPath + "[1]/Totals/@valueOf" },
        { Arudd(TwoItems, ""), AruddReport.RecordPath + "[1]/Totals" },
        { Arudd(TwoItems.Replace("65.00", "65.001")), AruddReport.RecordPath + "[1]/ReturnedDebitItem[1]/@valueOf" },
        { Arudd(TwoItems.Replace("65.00", "-65.00")), AruddReport.RecordPath + "[1]/ReturnedDebitItem[1]/@valueOf" },
        { Arudd(TwoItems.Replace("10-79-99", "10-79-9")), AruddReport.RecordPath + "[1]/ReturnedDebitItem[2]/PayerAccount/@sortCode" },
        { Arudd(TwoItems.Replace("2025-03-05", "2025-02-30")), AruddReport.RecordPath + "[1]/ReturnedDebitItem[1]/@originalProcessingDate" },
        { Arudd(TwoItems.Replace(" ref=\"CT500067890\" transCode", " transCode")), AruddReport.RecordPath + "[1]/ReturnedDebitItem[2]/@ref" },
        { Arudd(TwoItems)[..400], "line 7" },
        { "<Other/>", "BACSDocument" },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public void A_bad_ARUDD_report_is_refused_whole_naming_the_element(string xml, string field)
    {
        AruddReport.Parse(xml).ShouldBeOfType<Outcome<AruddReport>.Invalid>().Field.ShouldBe(field);
    }

    [Fact]
    public void A_document_type_definition_is_refused()
    {
        var xml = """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><BACSDocument/>""";
        AruddReport.Parse(xml).ShouldBeOfType<Outcome<AruddReport>.Invalid>().Message.ShouldContain("not well-formed");
    }
}

public class AddacsReportTests
{
    private static string Addacs(string advices) => $"""
        <?xml version = '1.0' encoding = 'UTF-8'?>
        <BACSDocument>
          <Data>
            <MessagingAdvices>
              <MessagingHeader document-number="0" advice-type="ADDACS" user-number="123456" report-generation-date="2025-03-06" user-name="ANYTOWN COUNCIL" report-type="7001"/>
              <AddresseeInformation name=" "/>
              {advices}
              <MessagingError/>
            </MessagingAdvices>
          </Data>
        </BACSDocument>
        """;

    [Fact]
    public void A_cancellation_and_a_transfer_to_new_bank_details_are_read()
    {
        // formats.md 2.2: reason 1 cancelled by payer; reason 3 carries the new sort code and account.
        var xml = Addacs("""
            <MessagingAdvice user-number="123456" record-type="A" effective-date="2025-03-06" reference="CT500012345" payer-name="J SMITH" payer-account-number="66374958" payer-sort-code="089999" reason-code="1" aosn="00000001"/>
            <MessagingAdvice user-number="123456" record-type="A" effective-date="2025-03-06" reference="CT500067890" payer-name="A JONES" payer-account-number="88837491" payer-sort-code="107999" reason-code="3" payer-new-sort-code="089999" payer-new-account-number="66374958" aosn="00000002"/>
            """);
        var report = AddacsReport.Parse(xml).ShouldBeOfType<Outcome<AddacsReport>.Done>().Value;
        report.Header.ServiceUserNumber.ShouldBe("123456");
        report.Advices[0].Reason.Action.ShouldBe(DirectDebitAction.CancelMandate);
        report.Advices[0].NewSortCode.ShouldBeNull();
        report.Advices[1].Reason.Action.ShouldBe(DirectDebitAction.UpdateBankDetails);
        report.Advices[1].NewAccountNumber!.Value.Digits.ShouldBe("66374958");
    }

    [Fact]
    public void A_transfer_without_new_details_is_refused_naming_the_attribute()
    {
        var xml = Addacs("""<MessagingAdvice record-type="A" effective-date="2025-03-06" reference="CT500067890" payer-account-number="88837491" payer-sort-code="107999" reason-code="3"/>""");
        AddacsReport.Parse(xml).ShouldBeOfType<Outcome<AddacsReport>.Invalid>().Field
            .ShouldBe("BACSDocument/Data/MessagingAdvices/MessagingAdvice[1]/@payer-new-sort-code");
    }

    [Fact]
    public void An_AUDDIS_report_passed_as_ADDACS_is_refused()
    {
        var xml = Addacs("").Replace("advice-type=\"ADDACS\"", "advice-type=\"AUDACC\"");
        AddacsReport.Parse(xml).ShouldBeOfType<Outcome<AddacsReport>.Invalid>().Field
            .ShouldBe("BACSDocument/Data/MessagingAdvices/MessagingHeader/@advice-type");
    }
}

public class AuddisReportTests
{
    private static string Auddis(string adviceType, string reportType, string advices, string error = """<MessagingError line1="0" line3="0" line2="0"/>""") => $"""
        <?xml version = '1.0' encoding = 'UTF-8'?>
        <BACSDocument><Data>
          <MessagingAdvices>
            <MessagingHeader user-name="ANYTOWN COUNCIL" report-type="{reportType}" user-number="123456" report-generation-date="2025-03-04" advice-type="{adviceType}"/>
            <AddresseeInformation name="0"/>
            {advices}
            {error}
          </MessagingAdvices>
        </Data></BACSDocument>
        """;

    [Fact]
    public void An_accepted_AUDDIS_file_is_read()
    {
        var xml = Auddis("AUDACC", "7003", """<MessagingAdvice user-number="123456" record-type="V" aosn="1" processing-date="2025-03-05" originator-file-number="010" work-code="1 DAILY" file-type="LIVE" accepted-ddi="3" rejected-ddi="0" vol-serial-number="000010" file-error-code="0"/>""");
        var file = AuddisReport.Parse(xml).ShouldBeOfType<Outcome<AuddisReport>.Done>().Value.Files.ShouldHaveSingleItem();
        file.Accepted.ShouldBeTrue();
        file.AcceptedInstructions.ShouldBe(3);
        file.VolumeSerialNumber.ShouldBe("000010");
    }

    [Fact]
    public void A_rejected_AUDDIS_file_carries_the_error_text()
    {
        // formats.md 2.2: AUDREJ, record type R, the error text in MessagingError/@line1.
        var xml = Auddis("AUDREJ", "7004",
            """<MessagingAdvice record-type="R" processing-date="2025-03-05" accepted-ddi="0" rejected-ddi="1" vol-serial-number="000009" file-error-code="30264"/>""",
            """<MessagingError line1="User Status is TEST on Arrival Day"/>""");
        var file = ((Outcome<AuddisReport>.Done)AuddisReport.Parse(xml)).Value.Files.ShouldHaveSingleItem();
        file.Accepted.ShouldBeFalse();
        file.FileErrorCode.ShouldBe("30264");
        file.ErrorText.ShouldBe("User Status is TEST on Arrival Day");
    }

    [Fact]
    public void A_rejected_instruction_is_read_with_its_reason()
    {
        var xml = Auddis("AUDDIS", "7002", """<MessagingAdvice record-type="N" reference="CT500012345" reason-code="L" payer-name="J SMITH"/>""");
        var rejection = ((Outcome<AuddisReport>.Done)AuddisReport.Parse(xml)).Value.Rejections.ShouldHaveSingleItem();
        rejection.Reason.Meaning.ShouldBe("Incorrect payer's account details");
    }

    [Fact]
    public void An_unknown_record_type_is_refused_naming_it()
    {
        var xml = Auddis("AUDDIS", "7002", """<MessagingAdvice record-type="Z" reference="CT500012345"/>""");
        AuddisReport.Parse(xml).ShouldBeOfType<Outcome<AuddisReport>.Invalid>().Field
            .ShouldBe("BACSDocument/Data/MessagingAdvices/MessagingAdvice[1]/@record-type");
    }
}
