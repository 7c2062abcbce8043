using System.Diagnostics;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;
using Reeve.Letters.PdfSharpRendering;

namespace Reeve.Letters.Tests;

/// <summary>
/// Both renderers (docs/decisions/0035), Reeve's own writer and PDFsharp, draw the one letter layout as tagged
/// PDF that a screen reader can follow. PDFsharp's reader opens the catalog, and poppler's pdftotext and pdfinfo
/// read the files back as readers independent of either writer.
/// </summary>
public sealed class TaggedPdfTests
{
    private static readonly TemplateEngine Engine = new();

    private static (LetterDocument Document, ILetterModel Model) Notice()
    {
        var template = DefaultTemplates.For(LetterType.DemandNotice, Channel.Letter).Source;
        return (LetterMarkup.Parse(Engine.Render(template, DemoLetters.DemandNotice)), DemoLetters.DemandNotice);
    }

    private static byte[] DemandNotice(string renderer)
    {
        var (document, model) = Notice();
        return (renderer == "own" ? LetterPdf.Own : PdfSharpLetterRenderer.Instance).Render(document, model);
    }

    [Theory]
    [InlineData("own")]
    [InlineData("pdfsharp")]
    public void The_catalog_says_the_pdf_is_tagged_in_british_english_with_a_structure_tree_and_a_title(string renderer)
    {
        using var pdf = PdfReader.Open(new MemoryStream(DemandNotice(renderer)), PdfDocumentOpenMode.Import);
        var catalog = pdf.Internals.Catalog;

        catalog.Elements.GetDictionary("/MarkInfo")!.Elements.GetBoolean("/Marked").ShouldBeTrue();
        catalog.Elements.GetString("/Lang").ShouldBe("en-GB");
        catalog.Elements.GetDictionary("/StructTreeRoot").ShouldNotBeNull();
        catalog.Elements.GetDictionary("/ViewerPreferences")!.Elements.GetBoolean("/DisplayDocTitle").ShouldBeTrue();
        pdf.Info.Title.ShouldBe("Council Tax bill 2025/26");
        pdf.PageCount.ShouldBe(2);
        foreach (var page in pdf.Pages)
        {
            // Each page's marked content is tied to the tree through the parent tree.
            page.Elements.ContainsKey("/StructParents").ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("own")]
    [InlineData("pdfsharp")]
    public void The_page_content_is_marked_with_ids_and_the_decoration_is_an_artifact(string renderer)
    {
        using var pdf = PdfReader.Open(new MemoryStream(DemandNotice(renderer)), PdfDocumentOpenMode.Import);
        var content = string.Concat(pdf.Pages[0].Contents.Elements.Select(e => e is PdfReference r ? ((PdfDictionary)r.Value!).Stream.ToString() : ""))
            + (pdf.Pages[0].Elements.GetDictionary("/Contents")?.Stream?.ToString() ?? "");

        content.ShouldContain("/MCID 0");
        content.ShouldContain("BDC");
        content.ShouldContain("/Artifact");
        content.ShouldContain("EMC");
    }

    [Theory]
    [InlineData("own")]
    [InlineData("pdfsharp")]
    public void Pdfinfo_reads_the_structure_tree_with_the_title_headings_table_and_list_in_reading_order(string renderer)
    {
        var structure = Poppler("pdfinfo", "-struct-text", DemandNotice(renderer));

        System.Text.RegularExpressions.Regex.IsMatch(Poppler("pdfinfo", null, DemandNotice(renderer)), @"^Tagged: +yes$", System.Text.RegularExpressions.RegexOptions.Multiline).ShouldBeTrue();
        structure.ShouldReadInOrder([
            "Document", "Art", "Reeve Demo District Council", "Ms Alex Example", "Account reference", "500012349",
            "H1", "Council Tax bill 2025/26", "H2", "Who your council tax pays for", "Table", "TR", "TH", "TD", "Demoshire Fire Authority",
            "H2", "How your bill is worked out", "Amount due", "H2", "When to pay", "Payment slip",
        ]);
        structure.ShouldContain("LI");
        // Page numbers and running headers are artifacts, not content a reader hears between paragraphs.
        structure.ShouldNotContain("Page 1 of 2");
    }

    [Fact]
    public void Pdftotext_reads_the_pdfsharp_notice_in_the_same_order_as_the_own_writer_gives_it()
    {
        var (document, model) = Notice();

        Poppler("pdftotext", null, PdfSharpLetterRenderer.Instance.Render(document, model)).ShouldReadInOrder(LetterPdfTests.DemandNoticeReadingOrder);
        Poppler("pdftotext", null, LetterPdf.Own.Render(document, model)).ShouldReadInOrder(LetterPdfTests.DemandNoticeReadingOrder);
    }

    [Fact]
    public void A_batch_numbers_each_letters_pages_and_lays_them_out_as_the_own_writer_does()
    {
        var letter = Notice();

        var (pdf, pages) = PdfSharpLetterRenderer.Instance.RenderBatch([letter, letter, letter], "Three notices");
        var (ownPdf, ownPages) = LetterPdf.Own.RenderBatch([letter, letter, letter], "Three notices");

        pages.ShouldBe(ownPages);
        Poppler("pdfinfo", "-struct", ownPdf).Split('\n').Count(l => l.Trim() == "Art").ShouldBe(3);
        var text = Poppler("pdftotext", null, pdf);
        text.ShouldReadInOrder(["Page 1 of 2", "Page 2 of 2", "Page 1 of 2", "Page 2 of 2", "Page 1 of 2", "Page 2 of 2"]);
        Poppler("pdfinfo", "-struct", pdf).Split('\n').Count(l => l.Trim() == "Art").ShouldBe(3);
    }

    [Fact]
    public void A_print_file_is_untagged_and_reads_as_the_tagged_letter_does()
    {
        var letter = Notice();

        var (print, pages) = LetterPdf.RenderBatch([letter], "One notice");
        var (tagged, taggedPages) = LetterPdf.Own.RenderBatch([letter], "One notice");

        pages.ShouldBe(taggedPages);
        System.Text.RegularExpressions.Regex.IsMatch(Poppler("pdfinfo", null, print), @"^Tagged: +no$", System.Text.RegularExpressions.RegexOptions.Multiline).ShouldBeTrue();
        Poppler("pdftotext", null, print).ShouldBe(Poppler("pdftotext", null, tagged));
        print.Length.ShouldBeLessThan(tagged.Length);
    }

    /// <summary>Runs a poppler tool on the PDF and returns what it prints; fails if the tool is missing or fails.</summary>
    private static string Poppler(string tool, string? option, byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reeve-pdfsharp-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var arguments = option is null ? new List<string>() : [option];
            arguments.Add(file);
            if (tool == "pdftotext")
            {
                arguments.Add("-");
            }

            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, errors);
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
