namespace Reeve.Kernel.Tests;

public class CsvFileTests
{
    private static List<CsvRecord> Read(string text, bool header = false) => CsvFile.Read(text, ',', header).ToList();

    [Fact]
    public void Records_after_the_expected_header_are_returned_without_it_whatever_the_header_case()
    {
        var records = CsvFile.ReadAfterHeader(" Order ,AMOUNT\n7,1.00\n8,2.00\n", ["order", "amount"]).ToList();

        records.Select(r => (r.Line, r.Fields[0])).ShouldBe([(2, "7"), (3, "8")]);
    }

    [Theory]
    [InlineData("order,amount,extra\n7,1.00\n")]
    [InlineData("7,1.00\n")]
    [InlineData("")]
    public void A_file_without_the_expected_header_is_refused_naming_line_1_header(string text)
    {
        var refused = Should.Throw<CsvFormatException>(() => CsvFile.ReadAfterHeader(text, ["order", "amount"]).ToList());

        refused.Where.ShouldBe("line 1: header");
        refused.Message.ShouldContain("order,amount");
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        // RFC 4180 section 2, rules 5 to 7.
        var records = Read("a,b,c\r\n\"Flat 2, The Maltings\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nx,,z\r\n");

        records.Count.ShouldBe(3);
        records[1].Fields.ShouldBe(["Flat 2, The Maltings", "say \"hi\"", "two\nlines"]);
        records[2].Fields.ShouldBe(["x", "", "z"]);
    }

    [Fact]
    public void Each_record_carries_the_line_it_starts_on_and_blank_lines_are_skipped()
    {
        var records = Read("h1,h2\n\"a\nb\",c\n\n   \nd,e");

        records.Select(r => r.Line).ShouldBe([1, 2, 6]);
        records[^1].Fields.ShouldBe(["d", "e"]);
    }

    [Fact]
    public void A_line_break_inside_quotes_moves_the_line_named_in_a_later_error_on_by_one()
    {
        var error = Should.Throw<CsvFormatException>(() => Read("reference,note\n1,\"two\nlines\"\n2,ok\n3,bad\"quote\n"));

        (error.Line, error.Field).ShouldBe((5, "field 2"));
    }

    [Fact]
    public void An_empty_quoted_field_on_its_own_is_a_record_not_a_blank_line()
    {
        var records = Read("h\n\"\"\n");

        records.Count.ShouldBe(2);
        records[1].Fields.ShouldBe([""]);
    }

    [Fact]
    public void Another_delimiter_splits_fields_and_a_comma_is_then_text()
    {
        var records = CsvFile.Read("a;b,c;\"d;e\"", ';').ToList();

        records.ShouldHaveSingleItem().Fields.ShouldBe(["a", "b,c", "d;e"]);
    }

    [Theory]
    [InlineData("h1,h2\na,b\"c\n", 2, "field 2")]
    [InlineData("h1,h2\n\"a\"x,b\n", 2, "field 1")]
    [InlineData("h1,h2\na,\"b\n", 2, "field 2")]
    public void Malformed_quoting_is_refused_naming_its_line_and_field(string text, int line, string field)
    {
        var error = Should.Throw<CsvFormatException>(() => Read(text));

        (error.Line, error.Field).ShouldBe((line, field));
        error.Where.ShouldBe($"line {line}: {field}");
    }

    [Fact]
    public void With_a_header_a_field_at_fault_is_named_by_its_column()
    {
        var error = Should.Throw<CsvFormatException>(() => Read("reference,amount\n\"A1\"2,10.00\n", header: true));

        (error.Line, error.Field).ShouldBe((2, "reference"));
    }

    [Fact]
    public void A_missing_field_is_refused_by_the_name_it_is_asked_for()
    {
        var record = Read("2025-04-01,Rent\n").Single();

        var error = Should.Throw<CsvFormatException>(() => record.Text(2, "amount"));

        (error.Line, error.Field).ShouldBe((1, "amount"));
        error.Message.ShouldBe("The line has 2 fields; amount is field 3");
    }

    [Fact]
    public void A_blank_required_field_is_refused_and_spaces_around_a_field_are_not_part_of_it()
    {
        var record = Read("  A1 , ,x\n").Single();

        record.Text(0, "reference").ShouldBe("A1");
        record.Text(1, "note", required: false).ShouldBe("");
        Should.Throw<CsvFormatException>(() => record.Text(1, "note")).Message.ShouldBe("This field is blank");
    }

    [Fact]
    public void Records_are_read_one_at_a_time_from_a_stream()
    {
        // Taking the first records of a long file reads only a little of it: nothing is read ahead to the end.
        var lines = string.Concat(Enumerable.Range(1, 200_000).Select(i => $"{i},x\n"));
        var text = new CountingReader(lines);

        var first = CsvFile.Read(text).Take(3).Select(r => r.Fields[0]).ToList();

        first.ShouldBe(["1", "2", "3"]);
        text.CharactersRead.ShouldBeLessThan(lines.Length / 10);
    }

    [Fact]
    public void The_first_record_is_on_line_one_even_when_it_runs_over_two_lines()
    {
        var records = Read("\"a\nb\",c\nd,e\n");

        records.Select(r => r.Line).ShouldBe([1, 3]);
    }

    private sealed class CountingReader(string text) : StringReader(text)
    {
        public long CharactersRead { get; private set; }

        public override int Read(char[] buffer, int index, int count) => Counted(base.Read(buffer, index, count));

        public override int Read(Span<char> buffer) => Counted(base.Read(buffer));

        public override int ReadBlock(Span<char> buffer) => Counted(base.ReadBlock(buffer));

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        private int Counted(int read)
        {
            CharactersRead += read;
            return read;
        }
    }
}
