namespace Reeve.Letters.Tests;

public sealed class ListPdfTests
{
    private static readonly ListColumn[] Columns = [new("Account", 25), new("Defendant", 60), new("Outstanding", 30, Right: true)];

    [Fact]
    public void A_list_reads_back_with_its_title_context_headings_and_rows()
    {
        var pdf = ListPdf.Render("Complaint list: Wealdmoor Magistrates' Court", ["Wealdmoor District Council, 30 June 2025 at 10:00"], Columns,
            [["500000013", "Ann Cedar", "£1,350.00"], ["500000021", "Ben Oak", "£98.10"]]);

        var text = LetterPdfTests.PdfToText(pdf);

        text.ShouldContain("Complaint list: Wealdmoor Magistrates' Court");
        text.ShouldContain("30 June 2025 at 10:00");
        text.ShouldContain("Outstanding");
        text.IndexOf("Ann Cedar", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Ben Oak", StringComparison.Ordinal));
        text.ShouldContain("£1,350.00");
        text.ShouldContain("Page 1 of 1");
    }

    [Fact]
    public void A_long_list_runs_over_pages_with_the_headings_on_each_and_cuts_what_does_not_fit()
    {
        var rows = Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)[$"5{i:D8}", i == 7 ? new string('W', 200) : $"Person {i}", "£1.00"]).ToList();

        var pdf = ListPdf.Render("A long list", [], Columns, rows);

        LetterPdfTests.PageCount(pdf).ShouldBe(3);
        var text = LetterPdfTests.PdfToText(pdf);

        text.ShouldContain("Page 3 of 3");
        System.Text.RegularExpressions.Regex.Count(text, "Defendant").ShouldBe(3);
        text.ShouldContain("…");
        text.ShouldContain("Person 120");
    }

    [Fact]
    public void A_row_without_a_cell_for_every_column_is_refused()
    {
        Should.Throw<ArgumentException>(() => ListPdf.Render("x", [], Columns, [["only one"]]));
    }
}
