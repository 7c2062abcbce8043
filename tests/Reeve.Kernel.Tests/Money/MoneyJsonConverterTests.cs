using System.Text.Json;

namespace Reeve.Kernel.Tests;

public class MoneyJsonConverterTests
{
    private sealed record Line(string Step, Money Amount, Money? Credit);

    [Theory]
    [InlineData(123450L, "\"1234.50\"")]
    [InlineData(-5L, "\"-0.05\"")]
    [InlineData(0L, "\"0.00\"")]
    public void Money_is_written_as_a_two_decimal_string_of_pounds(long pence, string json) =>
        JsonSerializer.Serialize(Money.FromPence(pence), MoneyJsonConverter.Options).ShouldBe(json);

    [Fact]
    public void Money_in_a_record_round_trips_including_a_missing_amount()
    {
        var line = new Line("Band D", Money.FromPence(228_013), null);

        var json = JsonSerializer.Serialize(line, MoneyJsonConverter.Options);

        json.ShouldBe("{\"Step\":\"Band D\",\"Amount\":\"2280.13\",\"Credit\":null}");
        JsonSerializer.Deserialize<Line>(json, MoneyJsonConverter.Options).ShouldBe(line);
    }

    [Fact]
    public void An_integer_is_read_as_pence_so_letter_requests_stored_before_still_read() =>
        JsonSerializer.Deserialize<Money>("8050", MoneyJsonConverter.Options).ShouldBe(Money.FromPence(8_050));

    [Theory]
    [InlineData("\"12.345\"")]
    [InlineData("\"1e3\"")]
    [InlineData("12.5")]
    [InlineData("true")]
    public void Text_that_is_not_pounds_and_pence_is_refused_not_rounded(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Money>(json, MoneyJsonConverter.Options));

    [Fact]
    public void A_node_holds_the_same_text_as_the_converter_writes() =>
        MoneyJsonConverter.Node(Money.FromPence(-123_450)).ToJsonString().ShouldBe(JsonSerializer.Serialize(Money.FromPence(-123_450), MoneyJsonConverter.Options));
}
