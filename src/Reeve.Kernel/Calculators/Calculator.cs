using System.Text.Json.Nodes;

namespace Reeve.Kernel.Calculators;

/// <summary>
/// A statutory calculation exposed to officers and outside checks as `reeve calc &lt;kind&gt;` and
/// POST /api/v1/calc/&lt;kind&gt; (shared/contracts.md). It calls the same code production uses and
/// never writes to a database.
/// </summary>
public interface ICalculator
{
    string Kind { get; }

    JsonObject Calculate(JsonObject input);
}

/// <summary>Input a calculator refuses: <see cref="Field"/> is the JSON path at fault.</summary>
public sealed class CalculatorInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
