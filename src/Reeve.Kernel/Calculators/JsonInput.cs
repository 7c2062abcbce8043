using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Kernel.Calculators;

/// <summary>
/// Reads a calculator's JSON input field by field, refusing with the JSON path at fault (shared/contracts.md):
/// money as a string with at most two decimals, dates as strict "YYYY-MM-DD", counts as whole numbers.
/// A field given as null counts as missing. Public so that every module's calculators read input the same way.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Methods are named for the kind of JSON value they read")]
public sealed class JsonInput(JsonObject json, string path = "")
{
    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public bool Has(string name) => json[name] is not null;

    public JsonInput? Object(string name) => json[name] switch
    {
        null => null,
        JsonObject inner => new JsonInput(inner, PathOf(name)),
        _ => throw new CalculatorInputException(PathOf(name), "Must be an object or null"),
    };

    public int Int(string name, int? fallback = null, int min = int.MinValue, int max = int.MaxValue)
    {
        var node = json[name];
        if (node is null)
        {
            return fallback ?? throw Missing(name);
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<int>(out var number))
        {
            throw new CalculatorInputException(PathOf(name), "Must be a whole number");
        }

        if (number < min || number > max)
        {
            throw new CalculatorInputException(PathOf(name), max == int.MaxValue ? $"Must be {min} or more" : $"Must be from {min} to {max}");
        }

        return number;
    }

    public int? OptionalInt(string name, int min, int max) => json[name] is null ? null : Int(name, null, min, max);

    public bool Bool(string name, bool fallback)
    {
        var node = json[name];
        if (node is null)
        {
            return fallback;
        }

        return node is JsonValue value && value.TryGetValue<bool>(out var flag)
            ? flag
            : throw new CalculatorInputException(PathOf(name), "Must be true or false");
    }

    public string? OptionalText(string name)
    {
        var node = json[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new CalculatorInputException(PathOf(name), "Must be text");
    }

    public string Text(string name) => OptionalText(name) ?? throw Missing(name);

    public Money Money(string name, Money? fallback = null)
    {
        var node = json[name];
        if (node is null)
        {
            return fallback ?? throw Missing(name);
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            throw new CalculatorInputException(PathOf(name), "Must be an amount of money written as text, like \"1234.50\"");
        }

        if (!MoneyText.TryParse(text, out var money, out var error))
        {
            throw new CalculatorInputException(PathOf(name), error);
        }

        return money.IsNegative ? throw new CalculatorInputException(PathOf(name), "Must not be negative") : money;
    }

    public LocalDate Date(string name)
    {
        var text = OptionalText(name) ?? throw Missing(name);
        var parsed = DateText.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw new CalculatorInputException(PathOf(name), $"'{text}' is not a real date written as YYYY-MM-DD");
    }

    public FinancialYear Year(string name) => new(Int(name, null, 1993, 2100));

    public CalculatorInputException Missing(string name) => new(PathOf(name), "This field is required");

    public CalculatorInputException Wrong(string name, string message) => new(PathOf(name), message);
}
