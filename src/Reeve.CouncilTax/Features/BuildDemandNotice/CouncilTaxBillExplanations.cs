using System.Data.Common;
using System.Text.Json;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// Council Tax's bills explained for the residents' portal: the version in force for each year, with the working
/// stored when the bill was made (each step with its legal source), so the portal shows what the bill itself says.
/// </summary>
public sealed class CouncilTaxBillExplanations : IBillExplanations
{
    public AccountKind Kind => AccountKind.CouncilTax;

    public async Task<IReadOnlyList<ExplainedBill>> CurrentBillsAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await BillStore.AllAsync(connection, council, accountId))
        .GroupBy(b => b.Year)
        .Select(g => g.First())
        .Select(b => new ExplainedBill(b.Year, b.Version, b.IssuedOn, b.Net, b.Reason, Steps(b.Working), b.Instalments))
        .ToList();

    /// <summary>The stored working, <c>[{step, amount, source}]</c> with plain-pounds amounts (<see cref="BillWorking"/>).</summary>
    internal static IReadOnlyList<BillStep> Steps(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e =>
        {
            var amount = e.GetProperty("amount").GetString() ?? "";
            return new BillStep(
                e.GetProperty("step").GetString() ?? "",
                MoneyText.TryParse(amount, out var money, out _) ? money : throw new InvalidOperationException($"A bill's working holds an amount that is not money: {amount}"),
                e.GetProperty("source").GetString() ?? "");
        }).ToList();
    }
}
