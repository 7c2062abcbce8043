using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;
using static Reeve.Payments.Domain.Reports.ReportXml;

namespace Reeve.Payments.Domain.Reports;

public sealed record ReturnedDebit(
    string Reference,
    string TransactionCode,
    string ReturnCode,
    string ReturnDescription,
    ReasonCode Reason,
    LocalDate OriginalProcessingDate,
    Money Amount,
    SortCode PayerSortCode,
    AccountNumber PayerAccountNumber,
    string PayerName);

/// <summary>An ARUDD report: Direct Debits the payers' banks returned unpaid (formats.md 2.3).</summary>
public sealed record AruddReport(
    string ServiceUserNumber,
    string AdviceNumber,
    LocalDate CurrentProcessingDate,
    IReadOnlyList<ReturnedDebit> Items,
    Money Total)
{
    public const string Root = "BACSDocument/Data/ARUDD";
    public const string RecordPath = Root + "/Advice/OriginatingAccountRecords/OriginatingAccountRecord";

    /// <summary>Reads the whole report or refuses it, naming the element; each account record's Totals must match its items.</summary>
    public static Outcome<AruddReport> Parse(string xml) => ReportXml.Parse(xml, doc =>
    {
        var header = Element(doc, Root + "/Header");
        var licence = Element(doc, Root + "/ServiceLicenseInformation");
        var records = Children(Element(doc, Root + "/Advice/OriginatingAccountRecords"), "OriginatingAccountRecord").ToList();
        var items = new List<ReturnedDebit>();
        for (var r = 0; r < records.Count; r++)
        {
            var at = $"{RecordPath}[{r + 1}]";
            var recordItems = new List<ReturnedDebit>();
            var returned = Children(records[r], "ReturnedDebitItem").ToList();
            for (var i = 0; i < returned.Count; i++)
            {
                var itemAt = $"{at}/ReturnedDebitItem[{i + 1}]";
                var item = returned[i];
                var payer = Child(item, "PayerAccount", itemAt);
                var payerAt = itemAt + "/PayerAccount";
                var returnCode = Attribute(item, "returnCode", itemAt);
                var description = OptionalAttribute(item, "returnDescription") ?? "";
                var currency = OptionalAttribute(item, "currency") ?? "GBP";
                if (currency != "GBP")
                {
                    throw new ReportFormatException(itemAt + "/@currency", $"'{currency}' is not sterling");
                }

                recordItems.Add(new ReturnedDebit(
                    Attribute(item, "ref", itemAt),
                    Attribute(item, "transCode", itemAt),
                    returnCode,
                    description,
                    ReasonCodes.AruddReason(returnCode, description),
                    Date(item, "originalProcessingDate", itemAt),
                    Pounds(item, "valueOf", itemAt),
                    SortCode(payer, "sortCode", payerAt),
                    AccountNumber(payer, "number", payerAt),
                    OptionalAttribute(payer, "name") ?? ""));
            }

            var totals = Child(records[r], "Totals", at);
            if (Count(totals, "numberOf", at + "/Totals") != recordItems.Count)
            {
                throw new ReportFormatException(at + "/Totals/@numberOf", $"The total says {totals.Attribute("numberOf")?.Value} items but there are {recordItems.Count}");
            }

            var value = Pounds(totals, "valueOf", at + "/Totals");
            if (value != Money.Sum(recordItems.Select(x => x.Amount)))
            {
                throw new ReportFormatException(at + "/Totals/@valueOf", $"The total says {value} but the items add up to {Money.Sum(recordItems.Select(x => x.Amount))}");
            }

            items.AddRange(recordItems);
        }

        return new AruddReport(
            Attribute(licence, "userNumber", Root + "/ServiceLicenseInformation"),
            Attribute(header, "adviceNumber", Root + "/Header"),
            Date(header, "currentProcessingDate", Root + "/Header"),
            items,
            Money.Sum(items.Select(x => x.Amount)));
    });
}
