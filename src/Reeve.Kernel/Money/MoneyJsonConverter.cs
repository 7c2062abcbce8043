using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Reeve.Kernel;

/// <summary>
/// Money in JSON, one way for everything Reeve writes (the API, the CLI's JSON, letter requests): a string of
/// pounds and pence with exactly two decimals and no separators, "-1234.50", so no reader turns it into a floating
/// point number. Reading takes the same text, refusing anything <see cref="MoneyText"/> refuses; it also takes a
/// JSON integer as pence, the form letter requests were stored in before December 2026, so those still read.
/// </summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public static MoneyJsonConverter Instance { get; } = new();

    /// <summary>Options with this converter and nothing else, for writing and reading money on its own or in records.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Converters = { Instance } };

    /// <summary>The amount as a JSON node, for output built as a <see cref="JsonObject"/>.</summary>
    public static JsonNode Node(Money amount) => JsonValue.Create(amount.ToPlainString());

    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => MoneyText.TryParse(reader.GetString(), out var money, out var error)
            ? money
            : throw new JsonException($"'{reader.GetString()}' is not an amount of money: {error}"),
        JsonTokenType.Number when reader.TryGetInt64(out var pence) => Money.FromPence(pence),
        _ => throw new JsonException("An amount of money is written as a string of pounds and pence, like \"125.50\""),
    };

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToPlainString());
}
