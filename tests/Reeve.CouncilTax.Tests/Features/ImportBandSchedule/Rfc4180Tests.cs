namespace Reeve.CouncilTax.Tests.Features;

public class Rfc4180Tests
{
    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        // RFC 4180 section 2, rules 5 to 7.
        var (records, problems) = Rfc4180.Read("a,b,c\r\n\"Flat 2, The Maltings\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nx,,z\r\n");

        problems.ShouldBeEmpty();
        records.Count.ShouldBe(3);
        records[1].Fields.ShouldBe(["Flat 2, The Maltings", "say \"hi\"", "two\nlines"]);
        records[2].Fields.ShouldBe(["x", "", "z"]);
    }

    [Fact]
    public void Each_record_carries_the_line_it_starts_on_and_blank_lines_are_skipped()
    {
        var (records, _) = Rfc4180.Read("h1,h2\n\"a\nb\",c\n\nd,e");

        records.Select(r => r.Line).ShouldBe([1, 2, 5]);
        records[^1].Fields.ShouldBe(["d", "e"]);
    }

    [Fact]
    public void An_empty_quoted_field_on_its_own_is_a_record_not_a_blank_line()
    {
        var (records, _) = Rfc4180.Read("h\n\"\"\n");

        records.Count.ShouldBe(2);
        records[1].Fields.ShouldBe([""]);
    }

    [Theory]
    [InlineData("h1,h2\na,b\"c\n", 2, 1)]
    [InlineData("h1,h2\n\"a\"x,b\n", 2, 0)]
    [InlineData("h1,h2\na,\"b\n", 2, 1)]
    public void Malformed_quoting_is_reported_with_its_line_and_field(string text, int line, int field)
    {
        var (_, problems) = Rfc4180.Read(text);

        var problem = problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(line);
        problem.FieldIndex.ShouldBe(field);
    }
}
