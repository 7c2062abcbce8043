using System.Data.Common;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Web.Features.Display;

/// <summary>The lines of the success banner after a change re-bills: one per new bill version, for <c>_SuccessBanner</c>.</summary>
public static class BillBanner
{
    /// <summary>"account reference|2026/27 bill, version 2: £1,234.56 in 3 instalments", one a line.</summary>
    public static async Task<string> LinesAsync(DbConnection connection, CouncilId council, IReadOnlyList<BillVersion> versions)
    {
        if (versions.Count == 0)
        {
            return "No bill changed.";
        }

        var lines = new List<string>();
        foreach (var v in versions)
        {
            var account = await AccountStore.GetAsync(connection, council, v.AccountId);
            lines.Add($"{account?.Reference.Value}|{v.Year} bill, version {v.Version}: {Show.Money(v.Net)} in {v.Instalments.Count} instalment{(v.Instalments.Count == 1 ? "" : "s")}");
        }

        return string.Join('\n', lines);
    }
}
