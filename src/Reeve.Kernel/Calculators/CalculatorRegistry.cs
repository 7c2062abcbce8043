using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reeve.Kernel.Calculators;

/// <summary>The calculators this build offers, by kind, and the one way to run them from JSON text.</summary>
public sealed class CalculatorRegistry
{
    private readonly Dictionary<string, ICalculator> _byKind;

    public CalculatorRegistry(IEnumerable<ICalculator> calculators) =>
        _byKind = calculators.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Kinds => _byKind.Keys.Order(StringComparer.Ordinal).ToList();

    public bool Has(string kind) => _byKind.ContainsKey(kind);

    /// <summary>Runs one case. Success: (true, result). Refused input: (false, {"error": {"field", "message"}}).</summary>
    public (bool Ok, JsonObject Json) Run(string kind, string inputText)
    {
        if (!_byKind.TryGetValue(kind, out var calculator))
        {
            return (false, Error("kind", $"There is no calculator called '{kind}'. Known kinds: {(Kinds.Count == 0 ? "none yet" : string.Join(", ", Kinds))}"));
        }

        JsonObject input;
        try
        {
            input = JsonNode.Parse(inputText) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return (false, Error("$", "The input must be one JSON object"));
        }

        try
        {
            return (true, calculator.Calculate(input));
        }
        catch (CalculatorInputException ex)
        {
            return (false, Error(ex.Field, ex.Message));
        }
    }

    public static JsonObject Error(string field, string message) =>
        new() { ["error"] = new JsonObject { ["field"] = field, ["message"] = message } };
}
