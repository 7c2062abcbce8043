using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using Reeve.Payments.Features.FuzzParsers;
using Reeve.Payments.Tests.Features.DirectDebit;

namespace Reeve.Payments.Tests.Domain.Reports;

/// <summary>Each genuine report in Corpus/bacs (see its README) is read as the bank sent it, and refused when cut short.</summary>
public class BacsReportCorpusTests
{
    [Fact]
    public void The_genuine_ADDACS_signed_by_a_clearing_bank_is_read()
    {
        var report = AddacsReport.Parse(BacsCorpus.Text(BacsCorpus.SoSureAddacs)).ShouldBeOfType<Outcome<AddacsReport>.Done>().Value;

        report.Header.ShouldBe(new MessagingHeader("ADDACS", "7001", "176198", new LocalDate(2018, 3, 6)));
        var advice = report.Advices.ShouldHaveSingleItem();
        (advice.Reference, advice.Reason.Code, advice.PayerName, advice.PayerSortCode.Digits, advice.PayerAccountNumber.Digits, advice.Aosn)
            .ShouldBe(("SOSURE01", "1", "BAR", "000099", "12345678", "00000001"));
        advice.Reason.Action.ShouldBe(DirectDebitAction.CancelMandate);
    }

    [Fact]
    public void The_genuine_AUDDIS_acceptance_is_read()
    {
        var report = AuddisReport.Parse(BacsCorpus.Text(BacsCorpus.SoSureAuddis)).ShouldBeOfType<Outcome<AuddisReport>.Done>().Value;

        report.Header.ServiceUserNumber.ShouldBe("176198");
        var file = report.Files.ShouldHaveSingleItem();
        (file.Accepted, file.ProcessingDate, file.VolumeSerialNumber, file.AcceptedInstructions, file.RejectedInstructions, file.Aosn)
            .ShouldBe((true, new LocalDate(2018, 2, 16), "000010", 1, 0, "1"));
        report.Rejections.ShouldBeEmpty();
    }

    [Fact]
    public void The_genuine_AUDDIS_rejection_is_read_with_its_error()
    {
        var file = AuddisReport.Parse(BacsCorpus.Text(BacsCorpus.SoSureAuddisError)).ShouldBeOfType<Outcome<AuddisReport>.Done>().Value.Files.ShouldHaveSingleItem();

        (file.Accepted, file.FileErrorCode, file.ErrorText).ShouldBe((false, "30264", "User Status is TEST on Arrival Day"));
    }

    [Fact]
    public void The_realistic_ARUDD_with_its_Latin_1_declaration_and_closing_tags_is_read()
    {
        var report = AruddReport.Parse(BacsCorpus.Text(BacsCorpus.RealisticArudd)).ShouldBeOfType<Outcome<AruddReport>.Done>().Value;

        (report.ServiceUserNumber, report.AdviceNumber, report.Total).ShouldBe(("123456", "000", Money.FromPence(100_00)));
        var item = report.Items.ShouldHaveSingleItem();
        (item.ReturnCode, item.Reason.Code, item.PayerName, item.PayerSortCode.Digits).ShouldBe(("1012", "1", "J SMITH", "089999"));
    }

    [Fact]
    public void The_genuine_ARUDD_from_Bacs_is_read_with_amounts_in_pounds_and_every_payer()
    {
        var report = AruddReport.Parse(BacsCorpus.Text(BacsCorpus.XmlParsingArudd)).ShouldBeOfType<Outcome<AruddReport>.Done>().Value;

        (report.ServiceUserNumber, report.AdviceNumber, report.Total).ShouldBe(("123456", "000", Money.FromPence(225_00)));
        report.Items.Select(i => (i.Reference, i.ReturnCode, i.Reason.Code, i.Amount, i.PayerName, i.PayerSortCode.Digits)).ShouldBe(
        [
            ("X01234", "1012", "1", Money.FromPence(65_00), "FRED SMITH", "010203"),
            ("X02345", "1012", "1", Money.FromPence(60_00), "JESSICA RABBIT", "020304"),
            ("X03456", "1012", "1", Money.FromPence(100_00), "STEVE ROGERS", "030405"),
        ]);
    }

    public static TheoryData<string> Files =>
        [BacsCorpus.SoSureAddacs, BacsCorpus.SoSureAuddis, BacsCorpus.SoSureAuddisError, BacsCorpus.RealisticArudd, BacsCorpus.XmlParsingArudd];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_corpus_file_cut_short_is_refused_naming_the_line(string name)
    {
        var text = BacsCorpus.Text(name);
        var cut = text[..text.IndexOf("</Data>", StringComparison.Ordinal)];

        var refused = Parse(name, cut);

        refused.Field.ShouldStartWith("line ");
        refused.Message.ShouldContain("not well-formed");
    }

    public static TheoryData<string, string> ParserAndFile => new()
    {
        { "addacs", BacsCorpus.SoSureAddacs },
        { "auddis", BacsCorpus.SoSureAuddis },
        { "auddis", BacsCorpus.SoSureAuddisError },
        { "arudd", BacsCorpus.RealisticArudd },
        { "arudd", BacsCorpus.XmlParsingArudd },
    };

    [Theory]
    [MemberData(nameof(ParserAndFile))]
    public void Mutations_of_each_corpus_file_are_read_or_refused_with_a_location_and_never_throw(string parser, string name)
    {
        // The same fuzzer as `reeve fuzz`, seeded with the genuine file instead of the built-in sample.
        var run = ParserFuzzer.Fuzz(parser, [BacsCorpus.Text(name)], seed: 21, cases: 2_000, budget: TimeSpan.FromSeconds(15));

        run.Failure.ShouldBeNull($"{run.Failure?.Problem} on input:\n{run.Failure?.Input}");
        run.Refused.ShouldBeGreaterThan(0);
    }

    private static Outcome<object>.Invalid Parse(string name, string xml)
    {
        var (field, message) = name switch
        {
            BacsCorpus.SoSureAddacs => Invalid(AddacsReport.Parse(xml)),
            BacsCorpus.RealisticArudd or BacsCorpus.XmlParsingArudd => Invalid(AruddReport.Parse(xml)),
            _ => Invalid(AuddisReport.Parse(xml)),
        };
        return new Outcome<object>.Invalid(field, message);
    }

    private static (string Field, string Message) Invalid<T>(Outcome<T> outcome)
    {
        var invalid = outcome.ShouldBeOfType<Outcome<T>.Invalid>();
        return (invalid.Field, invalid.Message);
    }
}
