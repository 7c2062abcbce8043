using System.Net;
using System.Text;
using Reeve.Kernel;
using Reeve.Letters;

namespace Reeve.Recovery;

/// <summary>
/// The complaint list of a session as files for the court: CSV for its case management, a printable HTML page and a
/// PDF. Rendering only: what is on the list is read by <see cref="ProduceComplaintList"/>.
/// </summary>
public static class ComplaintListFiles
{
    /// <summary>The complaint list as CSV (RFC 4180), one line per complaint, for the court's case management.</summary>
    public static string Csv(CourtSession session, IReadOnlyList<ComplaintLine> lines)
    {
        var csv = new StringBuilder();
        csv.Append("court,session_date,session_time,account_reference,financial_year,defendant,address,summons_issued,served_on,amount,summons_costs,total\r\n");
        foreach (var l in lines)
        {
            csv.AppendJoin(',', [
                Field(session.Court), DateText.Iso.Format(session.Date), session.Time, Field(l.Reference), l.Year.ToString(), Field(l.Defendant), Field(l.Address),
                DateText.Iso.Format(l.IssuedOn), l.ServedOn is { } s ? DateText.Iso.Format(s) : "", l.Amount.ToPlainString(), l.SummonsCosts.ToPlainString(),
                (l.Amount + l.SummonsCosts).ToPlainString(),
            ]).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// The complaint list as a PDF for the court and the council's court officer: the session, the regulation the
    /// complaints are made under, and each summons with the defendant, the sum outstanding and the costs.
    /// </summary>
    public static byte[] Pdf(string councilName, CourtSession session, IReadOnlyList<ComplaintLine> lines) =>
        ListPdf.Render(
            $"Complaint list: {session.Court}",
            [
                $"{councilName}: complaints for liability orders, {DateText.LongForm.Format(session.Date)} at {session.Time}",
                "Council Tax (Administration and Enforcement) Regulations 1992 reg 34; Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations 1989 reg 12",
                $"{lines.Count} complaint{(lines.Count == 1 ? "" : "s")}; total outstanding with costs {Money.Sum(lines.Select(l => l.Amount + l.SummonsCosts)).ToDisplayString()}",
            ],
            [
                new ListColumn("Account", 20), new ListColumn("Year", 15), new ListColumn("Defendant", 36), new ListColumn("Address", 50),
                new ListColumn("Served", 18), new ListColumn("Outstanding", 21, Right: true), new ListColumn("Costs", 17, Right: true),
            ],
            lines.Select(l => (IReadOnlyList<string>)
            [
                l.Reference, l.Year.ToString(), l.Defendant, l.Address, l.ServedOn is { } served ? DateText.LongForm.Format(served) : "",
                l.Amount.ToDisplayString(), l.SummonsCosts.ToDisplayString(),
            ]).ToList());

    /// <summary>The complaint list as a self-contained, printable HTML page with a proper table for screen readers.</summary>
    public static string Html(string councilName, CourtSession session, IReadOnlyList<ComplaintLine> lines)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(H($"Complaint list: {session.Court}, {DateText.LongForm.Format(session.Date)}"))
            .Append("</title><style>body{font-family:Arial,sans-serif;margin:2em;color:#0b0c0c}table{border-collapse:collapse;width:100%}" +
                    "th,td{border:1px solid #505a5f;padding:4px 6px;text-align:left;vertical-align:top}td.n{text-align:right}caption{text-align:left;font-weight:bold;margin-bottom:.5em}</style></head><body>")
            .Append("<h1>").Append(H($"{councilName}: applications for liability orders")).Append("</h1>")
            .Append("<p>").Append(H($"{session.Court}, {DateText.LongForm.Format(session.Date)} at {session.Time}. Complaints under the Council Tax (Administration and Enforcement) Regulations 1992 reg 34. {lines.Count} complaints; total {Money.Sum(lines.Select(l => l.Amount + l.SummonsCosts)).ToDisplayString()}.")).Append("</p>")
            .Append("<table><caption>Complaints</caption><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Year</th><th scope=\"col\">Defendant</th><th scope=\"col\">Address</th>" +
                    "<th scope=\"col\">Summons issued</th><th scope=\"col\">Served</th><th scope=\"col\">Amount</th><th scope=\"col\">Costs</th><th scope=\"col\">Total</th></tr></thead><tbody>");
        foreach (var l in lines)
        {
            html.Append("<tr><td>").Append(H(l.Reference)).Append("</td><td>").Append(H(l.Year.ToString())).Append("</td><td>").Append(H(l.Defendant))
                .Append("</td><td>").Append(H(l.Address)).Append("</td><td>").Append(DateText.LongForm.Format(l.IssuedOn)).Append("</td><td>")
                .Append(l.ServedOn is { } s ? DateText.LongForm.Format(s) : "").Append("</td><td class=\"n\">").Append(H(l.Amount.ToDisplayString()))
                .Append("</td><td class=\"n\">").Append(H(l.SummonsCosts.ToDisplayString())).Append("</td><td class=\"n\">")
                .Append(H((l.Amount + l.SummonsCosts).ToDisplayString())).Append("</td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
