namespace Reeve.Payments.Domain.Reports;

/// <summary>
/// The keys a Bacs report item is known by, so that it is acted on once whatever file brings it (issue 21; the chain
/// is set out in docs/domain/bacs-reports.md). Every key starts with the report kind and the service user number.
/// <list type="number">
/// <item>The bank's own number for the advice: ADDACS and AUDDIS advices carry an advice sequence number (aosn),
/// which a re-sent or re-generated report repeats. It is qualified by the reference and the advice's date, as some
/// reports number their advices from 1.</item>
/// <item>When the aosn is missing or zero, and always besides it: what the item says. An ADDACS advice is its
/// reference, reason, effective date and the payer's sort code and account; an AUDDIS rejection its reference and
/// reason (a mandate set up again gets a new reference); an AUDDIS file result its volume serial number, processing
/// day and verdict. ARUDD items carry no number of the bank's at all, so a returned debit is its reference, the
/// original processing day, the transaction code and the amount: the same debit can only come back once.</item>
/// </list>
/// An item is a duplicate when any of its keys has been seen before.
/// </summary>
public static class ReportEntryKeys
{
    public static IReadOnlyList<string> For(string serviceUserNumber, ReturnedDebit item) =>
    [
        $"arudd|{serviceUserNumber}|item|{Reference(item.Reference)}|{item.OriginalProcessingDate:uuuu-MM-dd}|{item.TransactionCode}|{item.Amount.Pence}",
    ];

    public static IReadOnlyList<string> For(string serviceUserNumber, AddacsAdvice advice) => With(
        Sequence("addacs", serviceUserNumber, advice.Aosn, advice.Reference, $"{advice.EffectiveDate:uuuu-MM-dd}"),
        $"addacs|{serviceUserNumber}|item|{Reference(advice.Reference)}|{advice.Reason.Code}|{advice.EffectiveDate:uuuu-MM-dd}|{advice.PayerSortCode.Digits}|{advice.PayerAccountNumber.Digits}");

    public static IReadOnlyList<string> For(string serviceUserNumber, AuddisRejection rejection) => With(
        Sequence("auddis", serviceUserNumber, rejection.Aosn, rejection.Reference, rejection.Reason.Code),
        $"auddis|{serviceUserNumber}|item|{Reference(rejection.Reference)}|{rejection.Reason.Code}");

    public static IReadOnlyList<string> For(string serviceUserNumber, AuddisFileResult file) => With(
        Sequence("auddis-file", serviceUserNumber, file.Aosn, file.VolumeSerialNumber, $"{file.ProcessingDate:uuuu-MM-dd}"),
        $"auddis-file|{serviceUserNumber}|item|{file.VolumeSerialNumber}|{file.ProcessingDate:uuuu-MM-dd}|{(file.Accepted ? "V" : "R")}");

    /// <summary>The bank's advice sequence number as a key, or null when it is missing or zero ("0" in AUDDIS headers).</summary>
    private static string? Sequence(string kind, string serviceUserNumber, string? aosn, string reference, string qualifier)
    {
        var number = (aosn ?? "").Trim().TrimStart('0');
        return number.Length == 0 ? null : $"{kind}|{serviceUserNumber}|aosn|{number}|{Reference(reference)}|{qualifier}";
    }

    private static IReadOnlyList<string> With(string? sequence, string content) => sequence is null ? [content] : [sequence, content];

    private static string Reference(string reference) => reference.Trim().ToUpperInvariant();
}
