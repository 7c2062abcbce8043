using System.Xml.Linq;
using NodaTime;
using static Reeve.Payments.Domain.Reports.ReportXml;

namespace Reeve.Payments.Domain.Reports;

/// <summary>The MessagingHeader shared by ADDACS, AUDDIS and AWACS reports (formats.md 2.2).</summary>
public sealed record MessagingHeader(string AdviceType, string ReportType, string ServiceUserNumber, LocalDate GeneratedOn);

internal static class MessagingAdvices
{
    public const string Root = "BACSDocument/Data/MessagingAdvices";
    public const string AdvicePath = Root + "/MessagingAdvice";

    public static (MessagingHeader Header, List<XElement> Advices) Read(XDocument doc, params string[] adviceTypes)
    {
        var root = Element(doc, Root);
        var h = Element(doc, Root + "/MessagingHeader");
        var at = Root + "/MessagingHeader";
        var header = new MessagingHeader(
            Attribute(h, "advice-type", at),
            Attribute(h, "report-type", at),
            Attribute(h, "user-number", at),
            Date(h, "report-generation-date", at));
        if (!adviceTypes.Contains(header.AdviceType))
        {
            throw new ReportFormatException(at + "/@advice-type", $"'{header.AdviceType}' is not {string.Join(" or ", adviceTypes)}");
        }

        return (header, Children(root, "MessagingAdvice").ToList());
    }
}
