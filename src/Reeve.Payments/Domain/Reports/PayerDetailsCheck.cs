using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;

namespace Reeve.Payments.Domain.Reports;

/// <summary>The payer's bank details as a mandate holds them or a Bacs report gives them.</summary>
public sealed record PayerDetails(SortCode SortCode, AccountNumber AccountNumber, string Name);

/// <summary>
/// Whether an ADDACS advice or an ARUDD item is about the instruction Reeve holds under that reference: the sort code
/// and account number must be the same, and so must the name as Bacs carries it. Names are compared sensibly
/// (docs/domain/bacs-reports.md): case, spaces, punctuation and apostrophes do not count, and a report may hold only
/// the first 18 characters Reeve sent (formats.md 1.6). A report that gives no name is not refused for it.
/// </summary>
public static class PayerDetailsCheck
{
    /// <summary>The width of the payer's name in a Bacs record (formats.md 1.6).</summary>
    public const int BacsNameWidth = 18;

    /// <summary>Each difference in words, naming what the report says and what the mandate holds; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(PayerDetails mandate, PayerDetails report)
    {
        var differences = new List<string>();
        if (mandate.SortCode != report.SortCode)
        {
            differences.Add($"sort code: the report has {Show(report.SortCode)}, the mandate {Show(mandate.SortCode)}");
        }

        if (mandate.AccountNumber != report.AccountNumber)
        {
            differences.Add($"account number: the report has {report.AccountNumber.Digits}, the mandate {mandate.AccountNumber.Digits}");
        }

        if (!SameName(mandate.Name, report.Name))
        {
            differences.Add($"payer's name: the report has '{report.Name.Trim()}', the mandate '{mandate.Name.Trim()}'");
        }

        return differences;
    }

    /// <summary>
    /// True when the report's name is the mandate's, ignoring case, spaces and punctuation, or is what is left of it
    /// after Bacs cut it to 18 characters. A blank name in the report is not a difference.
    /// </summary>
    public static bool SameName(string mandateName, string reportName)
    {
        var reported = Letters(reportName);
        if (reported.Length == 0)
        {
            return true;
        }

        var held = Letters(mandateName);
        if (held == reported)
        {
            return true;
        }

        // The report may carry only the name as it went in the Bacs record: the first 18 characters.
        var sent = Letters(BacsText.Name(mandateName, BacsNameWidth));
        return held.StartsWith(reported, StringComparison.Ordinal) && reported.Length >= sent.Length;
    }

    private static string Letters(string name) =>
        new(name.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    private static string Show(SortCode s) => $"{s.Digits[..2]}-{s.Digits[2..4]}-{s.Digits[4..]}";
}
