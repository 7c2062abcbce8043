using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.BankDetails;
using static Reeve.Payments.Domain.Reports.ReportXml;

namespace Reeve.Payments.Domain.Reports;

/// <summary>One ADDACS advice: a payer's bank cancelled, transferred or amended an instruction (formats.md 2.2).</summary>
public sealed record AddacsAdvice(
    string Reference,
    LocalDate EffectiveDate,
    ReasonCode Reason,
    string PayerName,
    SortCode PayerSortCode,
    AccountNumber PayerAccountNumber,
    SortCode? NewSortCode,
    AccountNumber? NewAccountNumber,
    string? Aosn = null);

public sealed record AddacsReport(MessagingHeader Header, IReadOnlyList<AddacsAdvice> Advices)
{
    public static Outcome<AddacsReport> Parse(string xml) => ReportXml.Parse(xml, doc =>
    {
        var (header, advices) = MessagingAdvices.Read(doc, "ADDACS");
        var read = new List<AddacsAdvice>();
        for (var i = 0; i < advices.Count; i++)
        {
            var a = advices[i];
            var at = $"{MessagingAdvices.AdvicePath}[{i + 1}]";
            MessagingAdvices.CheckUserNumber(a, header, at);
            var reason = ReasonCodes.Find(ReasonCodes.Addacs, Attribute(a, "reason-code", at));

            // Reasons 3 and C move the instruction to new bank details, which the advice must then carry.
            SortCode? newSort = null;
            AccountNumber? newAccount = null;
            if (reason.Action == DirectDebitAction.UpdateBankDetails)
            {
                newSort = SortCode(a, "payer-new-sort-code", at);
                newAccount = AccountNumber(a, "payer-new-account-number", at);
            }

            read.Add(new AddacsAdvice(
                Attribute(a, "reference", at),
                Date(a, "effective-date", at),
                reason,
                OptionalAttribute(a, "payer-name") ?? "",
                SortCode(a, "payer-sort-code", at),
                AccountNumber(a, "payer-account-number", at),
                newSort,
                newAccount,
                OptionalAttribute(a, "aosn")));
        }

        return new AddacsReport(header, read);
    });
}
