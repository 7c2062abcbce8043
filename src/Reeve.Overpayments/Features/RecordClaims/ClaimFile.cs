using System.Globalization;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Features.RecordClaims;

/// <summary>
/// Reads a claims extract from the benefits system (docs/domain/hb-overpayments.md): one claim a line, the weekly figures and the
/// People party id of each person on it by role (blank when the claim has nobody in that role). A field that does not read is
/// refused naming its line and column.
/// </summary>
public static class ClaimFile
{
    public static readonly IReadOnlyList<string> Header =
        ["claim_reference", "weekly_award", "weekly_disregard", "top_up", "claimant", "partner", "landlord", "appointee"];

    public static IReadOnlyList<RecordClaims.Claim> Read(string text) =>
        [.. CsvFile.ReadAfterHeader(text, Header).Select(row =>
        {
            var parties = new Dictionary<RecoverFrom, long>();
            foreach (var (role, column) in new[] { (RecoverFrom.Claimant, 4), (RecoverFrom.Partner, 5), (RecoverFrom.Landlord, 6), (RecoverFrom.Appointee, 7) })
            {
                var cell = row.Text(column, role.Code(), required: role == RecoverFrom.Claimant);
                if (cell.Length == 0)
                {
                    continue;
                }

                parties[role] = long.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                    ? id : throw new CsvFormatException(row.Line, role.Code(), "Must be a party's number in Reeve");
            }

            return new RecordClaims.Claim(row.Text(0, "claim_reference"), row.Amount(1, "weekly_award"), row.Amount(2, "weekly_disregard"), row.Amount(3, "top_up"), parties);
        })];
}
