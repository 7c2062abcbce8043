using NodaTime;
using Reeve.Kernel;
using static Reeve.Payments.Domain.Reports.ReportXml;

namespace Reeve.Payments.Domain.Reports;

/// <summary>AUDDIS file-level result (record type V accepted, R rejected) for a lodgement file (formats.md 2.2).</summary>
public sealed record AuddisFileResult(
    bool Accepted,
    LocalDate ProcessingDate,
    string VolumeSerialNumber,
    int AcceptedInstructions,
    int RejectedInstructions,
    string FileErrorCode,
    string ErrorText,
    string? Aosn = null);

/// <summary>AUDDIS rejection of one instruction (record type N or D).</summary>
public sealed record AuddisRejection(string Reference, ReasonCode Reason, string PayerName, string? Aosn = null);

public sealed record AuddisReport(MessagingHeader Header, IReadOnlyList<AuddisFileResult> Files, IReadOnlyList<AuddisRejection> Rejections)
{
    public static Outcome<AuddisReport> Parse(string xml) => ReportXml.Parse(xml, doc =>
    {
        var (header, advices) = MessagingAdvices.Read(doc, "AUDDIS", "AUDACC", "AUDREJ");
        var errorText = ReportXml.Children(Element(doc, MessagingAdvices.Root), "MessagingError")
            .Select(e => string.Join(" ", new[] { "line1", "line2", "line3" }.Select(n => OptionalAttribute(e, n)).Where(v => v is not null and not "0")))
            .FirstOrDefault() ?? "";
        var files = new List<AuddisFileResult>();
        var rejections = new List<AuddisRejection>();
        for (var i = 0; i < advices.Count; i++)
        {
            var a = advices[i];
            var at = $"{MessagingAdvices.AdvicePath}[{i + 1}]";
            MessagingAdvices.CheckUserNumber(a, header, at);
            var recordType = Attribute(a, "record-type", at);
            switch (recordType)
            {
                case "V" or "R":
                    files.Add(new AuddisFileResult(
                        recordType == "V",
                        Date(a, "processing-date", at),
                        Attribute(a, "vol-serial-number", at),
                        Count(a, "accepted-ddi", at),
                        Count(a, "rejected-ddi", at),
                        OptionalAttribute(a, "file-error-code") ?? "0",
                        recordType == "R" ? errorText : "",
                        OptionalAttribute(a, "aosn")));
                    break;
                case "N" or "D":
                    rejections.Add(new AuddisRejection(
                        Attribute(a, "reference", at),
                        ReasonCodes.Find(ReasonCodes.AuddisRejection, Attribute(a, "reason-code", at)),
                        OptionalAttribute(a, "payer-name") ?? "",
                        OptionalAttribute(a, "aosn")));
                    break;
                default:
                    throw new ReportFormatException(at + "/@record-type", $"'{recordType}' is not V, R, N or D");
            }
        }

        return new AuddisReport(header, files, rejections);
    });
}
