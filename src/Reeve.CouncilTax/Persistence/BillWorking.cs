using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reeve.CouncilTax.Domain;

namespace Reeve.CouncilTax;

/// <summary>
/// A bill's working as stored with each bill version: [{"step", "amount", "source"}], in the order it was
/// worked. Written by hand with Utf8JsonWriter because annual billing writes one for every dwelling.
/// </summary>
public static class BillWorking
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(YearBill bill)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var step in bill.Explanation)
            {
                writer.WriteStartObject();
                writer.WriteString("step", step.Step);
                writer.WriteString("amount", step.Amount.ToPlainString());
                writer.WriteString("source", step.Source);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
