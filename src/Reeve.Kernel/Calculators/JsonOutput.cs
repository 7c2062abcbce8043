using System.Text.Json.Nodes;
using NodaTime;

namespace Reeve.Kernel.Calculators;

/// <summary>
/// Writes results in the contract's conventions: money as two-decimal strings, dates as YYYY-MM-DD. Public so that
/// every module's calculators write output the same way, as <see cref="JsonInput"/> reads it.
/// </summary>
public static class JsonOutput
{
    public static JsonNode Money(Money amount) => MoneyJsonConverter.Node(amount);

    public static JsonNode Date(LocalDate date) => JsonValue.Create(DateText.Iso.Format(date));

    public static JsonArray Explanation(IEnumerable<ExplanationStep> steps) =>
        new(steps.Select(s => (JsonNode)new JsonObject
        {
            ["step"] = s.Step,
            ["amount"] = Money(s.Amount),
            ["source"] = s.Source,
        }).ToArray());

    public static JsonArray Instalments(IEnumerable<Instalment> instalments) =>
        new(instalments.Select(i => (JsonNode)new JsonObject
        {
            ["due"] = Date(i.Due),
            ["amount"] = Money(i.Amount),
        }).ToArray());
}
