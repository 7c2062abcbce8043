using System.Text.Json.Nodes;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.CouncilTax.Features;

/// <summary>Writes results in the contract's conventions: money as two-decimal strings, dates as YYYY-MM-DD.</summary>
public static class JsonOutput
{
    public static JsonNode Money(Money amount) => MoneyJsonConverter.Node(amount);

    public static JsonNode Date(LocalDate date) => JsonValue.Create(DateText.Iso.Format(date));

    public static JsonArray Explanation(IEnumerable<Domain.ExplanationStep> steps) =>
        new(steps.Select(s => (JsonNode)new JsonObject
        {
            ["step"] = s.Step,
            ["amount"] = Money(s.Amount),
            ["source"] = s.Source,
        }).ToArray());

    public static JsonArray Instalments(IEnumerable<Domain.Instalment> instalments) =>
        new(instalments.Select(i => (JsonNode)new JsonObject
        {
            ["due"] = Date(i.Due),
            ["amount"] = Money(i.Amount),
        }).ToArray());
}
