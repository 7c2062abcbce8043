using Reeve.Kernel;
using Reeve.Payments.Domain.Statements;

namespace Reeve.Payments.Tests.Domain.Statements;

/// <summary>A bank's CSV export is read by the one CSV reader every import uses (docs/decisions/0032-sep-csv-reader.md).</summary>
public class BankCsvQuotingTests
{
    private static readonly BankCsvLayout Layout = new(DateColumn: 0, DatePattern: "uuuu-MM-dd", DescriptionColumn: 1, AmountColumn: 2);

    [Fact]
    public void A_quoted_description_may_hold_commas_doubled_quotes_and_a_line_break()
    {
        var csv = "Date,Description,Amount\n2025-03-05,\"SMITH, J \"\"FLAT 2\"\"\",12.50\n2025-03-05,\"CTAX\n500000012\",1.00\n2025-03-06,FEE,-1.00\n";

        var lines = BankCsvStatement.Parse(csv, Layout).ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Done>().Value;

        lines.Select(l => l.Description).ShouldBe(["SMITH, J \"FLAT 2\"", "CTAX\n500000012", "FEE"]);
        lines.Select(l => l.LineNumber).ShouldBe([2, 3, 5]);
    }

    [Fact]
    public void A_later_error_names_its_line_in_the_file_after_a_line_break_inside_quotes()
    {
        var csv = "Date,Description,Amount\n2025-03-05,\"CTAX\n500000012\",1.00\n2025-03-05,FEE,one pound\n";

        var refused = BankCsvStatement.Parse(csv, Layout).ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Invalid>();

        refused.Field.ShouldBe("line 4: amount");
    }

    [Fact]
    public void A_line_missing_its_amount_is_refused_naming_the_field()
    {
        var refused = BankCsvStatement.Parse("Date,Description,Amount\n2025-03-05,FEE\n", Layout).ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Invalid>();

        refused.Field.ShouldBe("line 2: amount");
        refused.Message.ShouldBe("The line has 2 fields; amount is field 3");
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_refused_not_guessed_at()
    {
        var refused = BankCsvStatement.Parse("Date,Description,Amount\n2025-03-05,O\"BRIEN,1.00\n", Layout).ShouldBeOfType<Outcome<IReadOnlyList<BankCsvLine>>.Invalid>();

        refused.Field.ShouldBe("line 2: field 2");
    }
}
