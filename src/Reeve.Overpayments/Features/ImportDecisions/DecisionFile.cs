using Reeve.Kernel;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Features.ImportDecisions;

/// <summary>
/// Reads an overpayment decisions file from the benefits system (docs/domain/hb-overpayments.md): a header, then one decision a
/// line. A field that does not read is refused naming its line and column; nothing else is judged here.
/// </summary>
public static class DecisionFile
{
    public static readonly IReadOnlyList<string> Header =
        ["decision_reference", "claim_reference", "period_from", "period_to", "amount", "cause", "recoverable", "recover_from", "decided_on", "revises"];

    public static IReadOnlyList<OverpaymentDecision> Read(string text) =>
        [.. CsvFile.ReadAfterHeader(text, Header).Select(row => new OverpaymentDecision(
            row.Line,
            row.Text(0, "decision_reference"),
            row.Text(1, "claim_reference"),
            row.Date(2, "period_from"),
            row.Date(3, "period_to"),
            Positive(row, 4, "amount"),
            OverpaymentCodes.CauseFromCode(row.Text(5, "cause"))
                ?? throw new CsvFormatException(row.Line, "cause", "Must be claimant-error, la-error, official-error or fraud"),
            row.Text(6, "recoverable") switch
            {
                "yes" => true,
                "no" => false,
                _ => throw new CsvFormatException(row.Line, "recoverable", "Must be yes or no"),
            },
            OverpaymentCodes.RecoverFromCode(row.Text(7, "recover_from"))
                ?? throw new CsvFormatException(row.Line, "recover_from", "Must be claimant, partner, landlord or appointee"),
            row.Date(8, "decided_on"),
            row.Text(9, "revises", required: false) is { Length: > 0 } revises ? revises : null))];

    private static Money Positive(CsvRecord row, int column, string name)
    {
        var amount = row.Amount(column, name);
        return amount.IsPositive ? amount : throw new CsvFormatException(row.Line, name, "Must be more than 0.00");
    }
}
