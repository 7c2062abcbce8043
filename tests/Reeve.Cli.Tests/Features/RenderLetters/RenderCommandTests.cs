namespace Reeve.Cli.Tests.Features.RenderLetters;

public sealed class RenderCommandTests(TinyDemo demo) : IClassFixture<TinyDemo>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // An account of Wealdmoor (council 1) billed for 2026/27.
    private static Task<string> BilledAccountAsync(string db) => TinyDemo.QueryAsync<string>(db,
        "select a.reference from account a join bill b on b.council_id = a.council_id and b.account_id = a.account_id " +
        "where a.council_id = 1 and b.financial_year = 2026 and b.net_pence > 0 order by a.account_id limit 1");

    private Task<CliOutput> RenderAsync(string db, params string[] more) =>
        CliRun.RunAsync(["letters", "render", "--db", db, "--out", _folder.File("notice.pdf"), "--council", "1", .. more]);

    [Fact]
    public async Task A_demand_notice_renders_from_the_accounts_bill_as_it_would_be_sent_today()
    {
        var db = demo.CopyTo(_folder);
        var reference = await BilledAccountAsync(db);

        var run = await RenderAsync(db, "--type", "demand-notice", "--account", reference);

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain($"Council tax demand notice for account {reference}");
        run.Stdout.ShouldContain("as issued on 20 November 2026");
        run.Stdout.ShouldContain("Nothing was stored or sent");
        // What the notice says is tested in Reeve.Letters.Tests, pdftotext and all; here, that a whole PDF was written.
        var pdf = File.ReadAllBytes(_folder.File("notice.pdf"));
        System.Text.Encoding.ASCII.GetString(pdf, 0, 8).ShouldBe("%PDF-1.7");
        Pages(pdf).ShouldBeGreaterThanOrEqualTo(2);
        (await TinyDemo.QueryAsync<long>(db, "select count(*) from letter_notice")).ShouldBe(0);
    }

    [Fact]
    public async Task Large_print_takes_more_pages()
    {
        var db = demo.CopyTo(_folder);
        var reference = await BilledAccountAsync(db);

        var standard = await RenderAsync(db, "--type", "demand-notice", "--account", reference, "--year", "2026");
        var standardPdf = File.ReadAllBytes(_folder.File("notice.pdf"));
        var large = await RenderAsync(db, "--type", "demand-notice", "--account", reference, "--year", "2026", "--large-print");

        standard.ExitCode.ShouldBe(0, standard.Stderr);
        large.ExitCode.ShouldBe(0, large.Stderr);
        large.Stdout.ShouldContain("large print");
        Pages(File.ReadAllBytes(_folder.File("notice.pdf"))).ShouldBeGreaterThan(Pages(standardPdf));
    }

    [Theory]
    [InlineData("reminder")]
    [InlineData("final-notice")]
    [InlineData("summons")]
    [InlineData("dd-advance-notice")]
    [InlineData("refund")]
    [InlineData("arrangement")]
    public async Task Every_other_letter_type_is_refused_when_none_was_written_for_the_account_and_never_made_from_sample_figures(string type)
    {
        var db = demo.CopyTo(_folder);
        var reference = await BilledAccountAsync(db);
        // The demo's recovery runs queue letters; this account is to have none queued.
        await TinyDemo.ExecuteAsync(db, "delete from letter_request");

        var run = await RenderAsync(db, "--type", type, "--account", reference);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--type: ");
        run.Stderr.ShouldContain("never made from sample figures");
        File.Exists(_folder.File("notice.pdf")).ShouldBeFalse();
        (await TinyDemo.QueryAsync<long>(db, "select count(*) from letter_request")).ShouldBe(0);
    }

    [Fact]
    public async Task A_summons_cannot_be_printed_without_a_recovery_notice_behind_it()
    {
        var db = demo.CopyTo(_folder);
        var reference = await BilledAccountAsync(db);
        await TinyDemo.ExecuteAsync(db, "delete from letter_request");

        var run = await RenderAsync(db, "--type", "summons", "--account", reference);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("A summons comes only from a recovery notice");
        run.Stderr.ShouldNotContain("the magistrates' court named by the council");
        run.Stdout.ShouldNotContain("£80.50");
        File.Exists(_folder.File("notice.pdf")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--account", "500000014", "check digit")]
    [InlineData("--account", "12345", "9 digits")]
    [InlineData("--account", "599999992", "there is no account")]
    [InlineData("--type", "love-letter", "not a letter type")]
    [InlineData("--year", "2030", "no bill for 2030/31")]
    public async Task What_cannot_be_rendered_exits_2_naming_the_option(string option, string value, string message)
    {
        var db = demo.CopyTo(_folder);
        var reference = await BilledAccountAsync(db);
        var args = new Dictionary<string, string> { ["--type"] = "demand-notice", ["--account"] = reference, [option] = value };

        var run = await RenderAsync(db, [.. args.SelectMany(a => new[] { a.Key, a.Value })]);

        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain(option + ":");
        run.Stderr.ShouldContain(message);
        File.Exists(_folder.File("notice.pdf")).ShouldBeFalse();
    }

    internal static int Pages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type /Page\b");
}
