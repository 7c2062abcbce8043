namespace Reeve.Cli.Tests.Features.ImportAruddReport;

/// <summary>One returned debit as the ARUDD report carries it (formats.md), with the report's own total given separately so a test can make it wrong.</summary>
internal sealed record ReturnedDebit(
    string Reference, string TransCode, string ReturnCode, string Description, string OriginalProcessingDate, string Amount,
    string PayerAccount, string PayerName, string PayerSortCode);

internal static class AruddXml
{
    public static string Report(string processingDate, string userName, string userNumber, string accountNumber, string sortCode, ReturnedDebit item, string totalValue) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <BACSDocument><Data><ARUDD>
          <Header reportType="REFT1019" adviceNumber="00000123" currentProcessingDate="{processingDate}"/>
          <ServiceLicenseInformation userName="{userName}" userNumber="{userNumber}"/>
          <Advice><OriginatingAccountRecords><OriginatingAccountRecord>
            <OriginatingAccount name="{userName}" number="{accountNumber}" sortCode="{sortCode}" type="0"/>
            <ReturnedDebitItem ref="{item.Reference}" transCode="{item.TransCode}" returnCode="{item.ReturnCode}" returnDescription="{item.Description}" originalProcessingDate="{item.OriginalProcessingDate}" valueOf="{item.Amount}" currency="GBP">
              <PayerAccount number="{item.PayerAccount}" ref="{item.Reference}" name="{item.PayerName}" sortCode="{item.PayerSortCode}"/>
            </ReturnedDebitItem>
            <Totals numberOf="1" valueOf="{totalValue}" currency="GBP"/>
          </OriginatingAccountRecord></OriginatingAccountRecords></Advice>
        </ARUDD></Data></BACSDocument>
        """;
}
