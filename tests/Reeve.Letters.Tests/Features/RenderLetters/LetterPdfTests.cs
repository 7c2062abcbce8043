using System.Text;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class LetterPdfTests
{
    private static readonly LetterRenderer Renderer = LetterRenderer.WithDefaults();

    private static byte[] DemandNotice(PrintSize size = PrintSize.Standard) =>
        Renderer.Render(LetterType.DemandNotice, Channel.Letter, DemoLetters.DemandNotice, size).Pdf!;

    /// <summary>What the demo demand notice says, in the order a person reads it.</summary>
    internal static readonly string[] DemandNoticeReadingOrder =
    [
        "Reeve Demo District Council", "Ms Alex Example", "DT2 3BC", "Account reference", "500012349",
        "Council Tax bill 2025/26", "Your home is in valuation band C", "£2,280.13", "Who your council tax pays for",
        "Demoshire Fire Authority", "Adult social care precept", "£214.50", "How your bill is worked out",
        "Amount due", "£1,520.08", "Discounts, exemptions and reductions", "When to pay", "1 April 2025", "£152.08",
        "1 January 2026", "12 monthly instalments", "Valuation Tribunal", "Payment slip", "Page 2 of 2",
    ];

    [Fact]
    public void The_same_notice_renders_to_the_same_bytes()
    {
        // The document store keys notices by content hash, so rendering must be repeatable.
        DemandNotice().ShouldBe(DemandNotice());
    }

    [Fact]
    public void A_demand_notice_is_a_pdf_of_a4_pages_with_its_fonts_embedded()
    {
        var text = Encoding.Latin1.GetString(DemandNotice());

        text.ShouldStartWith("%PDF-1.7");
        text.ShouldContain("/MediaBox [0 0 595.276 841.89]");
        text.ShouldContain("+DejaVuSans /FirstChar 32");
        text.ShouldContain("/FontFile2");
        text.TrimEnd().ShouldEndWith("%%EOF");
    }

    [Fact]
    public void Large_print_takes_more_pages_than_standard_print()
    {
        PageCount(DemandNotice(PrintSize.Large)).ShouldBeGreaterThan(PageCount(DemandNotice()));
    }

    [Fact]
    public void Every_letter_type_renders_with_its_default_template()
    {
        foreach (var type in LetterTypes.All)
        {
            var pdf = Renderer.Render(type, Channel.Letter, DemoLetters.For(type)).Pdf!;
            PageCount(pdf).ShouldBeGreaterThan(0, type.Code());
        }
    }

    [Fact]
    public void A_model_of_the_wrong_type_is_refused()
    {
        Should.Throw<ArgumentException>(() => Renderer.Render(LetterType.Reminder, Channel.Letter, DemoLetters.DemandNotice));
    }

    [Fact]
    public void Pdftotext_reads_the_demand_notice_in_reading_order_with_every_required_item()
    {
        var text = PdfToText(DemandNotice());

        // SI 2011/3038 Sch 1: every required item is on the page, in the order a person reads the bill.
        text.ShouldReadInOrder(DemandNoticeReadingOrder);

        text.ShouldContain("Page 1 of 2");
    }

    [Fact]
    public void A_reprint_keeps_the_original_bytes_whole_and_adds_COPY_to_them()
    {
        var original = DemandNotice();

        var copy = Reprints.MarkCopy(original);

        copy.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue();
        copy.Length.ShouldBeGreaterThan(original.Length);
        var copyText = PdfToText(copy);
        copyText.ShouldContain("COPY");
        copyText.ShouldContain("Council Tax bill 2025/26");
        PdfToText(original).ShouldNotContain("COPY");
    }

    internal static int PageCount(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type /Page\b");

    /// <summary>The text pdftotext reads from a PDF; a machine without pdftotext fails the test.</summary>
    internal static string PdfToText(byte[] pdf) => PdfText.Read(pdf);
}
