using System.Data.Common;
using System.Text.Json;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Web.Features.ViewAccount;

/// <summary>
/// A council tax account's bills for the account page: every version of each year's bill (kept, never edited),
/// the current version's working step by step with its legal source, and its instalments.
/// </summary>
public sealed record CouncilTaxBills(IReadOnlyList<CouncilTaxBills.YearBills> Years, int? InstalmentsRequested, int InstalmentDay)
{
    public sealed record YearBills(FinancialYear Year, IReadOnlyList<BillVersion> Versions, IReadOnlyList<WorkingStep> Working)
    {
        public BillVersion Current => Versions[0];
    }

    public sealed record WorkingStep(string Step, string Amount, string Source);

    public bool TwelveRequested => InstalmentsRequested == 12;

    public static async Task<CouncilTaxBills> LoadAsync(DbConnection connection, CouncilId council, long accountId)
    {
        // BillStore gives the newest year first and, within it, the newest version first.
        var years = (await BillStore.AllAsync(connection, council, accountId))
            .GroupBy(b => b.Year)
            .Select(g => new YearBills(g.Key, g.ToList(), Working(g.First().Working)))
            .ToList();
        var terms = await AccountInstalmentTerms.OfAsync(connection, council, accountId);
        return new CouncilTaxBills(years, terms?.Requested, terms?.Day ?? 1);
    }

    /// <summary>The bill's stored working, <c>[{step, amount, source}]</c> with amounts in plain pounds, as shown to officers.</summary>
    public static IReadOnlyList<WorkingStep> Working(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e =>
        {
            var amount = e.GetProperty("amount").GetString() ?? "";
            return new WorkingStep(
                e.GetProperty("step").GetString() ?? "",
                MoneyText.TryParse(amount, out var money, out _) ? money.ToDisplayString() : amount,
                e.GetProperty("source").GetString() ?? "");
        }).ToList();
    }
}
