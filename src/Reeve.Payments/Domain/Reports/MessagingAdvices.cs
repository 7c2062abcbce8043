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

    /// <summary>
    /// Each advice repeats the service user number; one that names another service user than the header does is
    /// refused, naming it, so no advice is applied under the wrong council's number (issue 21).
    /// </summary>
    public static void CheckUserNumber(XElement advice, MessagingHeader header, string at)
    {
        if (OptionalAttribute(advice, "user-number") is { } number && number != header.ServiceUserNumber)
        {
            throw new ReportFormatException(at + "/@user-number",
                $"The advice is for service user number {number} but the report's header is for {header.ServiceUserNumber}");
        }
    }
}
