using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class CouncilTemplatesOnSqlite() : CouncilTemplatesTests(new SqliteEngine());

public sealed class CouncilTemplatesOnPostgres() : CouncilTemplatesTests(new PostgresEngine());

public abstract class CouncilTemplatesTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate Today = new(2025, 4, 1);

    private Task<Outcome<LetterTemplate>> SaveAsync(string source, LocalDate from) =>
        InTransactionAsync((c, tx) => CouncilTemplates.SaveAsync(c, tx, Council, LetterType.FinalNotice, Channel.Letter, from, source, Today, "manager", Now));

    [Fact]
    public async Task A_new_version_is_used_for_notices_issued_from_its_date_and_not_before()
    {
        var source = DefaultTemplates.For(LetterType.FinalNotice, Channel.Letter).Source.Replace("You must pay", "Please pay", StringComparison.Ordinal);

        var saved = (await SaveAsync(source, new LocalDate(2025, 6, 1))).ShouldBeOfType<Outcome<LetterTemplate>.Done>().Value;

        saved.Version.ShouldBe(2);
        var renderer = await ReadAsync(c => CouncilTemplates.RendererAsync(c, Council));
        var before = renderer.Render(LetterType.FinalNotice, Channel.Letter, DemoLetters.FinalNotice with { IssuedOn = new LocalDate(2025, 5, 31) });
        var after = renderer.Render(LetterType.FinalNotice, Channel.Letter, DemoLetters.FinalNotice with { IssuedOn = new LocalDate(2025, 6, 1) });
        before.TemplateVersion.ShouldBe(1);
        before.Document.ToPlainText().ShouldContain("You must pay");
        after.TemplateVersion.ShouldBe(2);
        after.Document.ToPlainText().ShouldContain("Please pay");
    }

    [Fact]
    public async Task Wording_that_drops_a_required_section_or_names_an_unknown_field_is_refused_with_each_problem()
    {
        // CTAE Regs 1992 reg 33: a final notice must say the sum due; the manager may not remove it.
        var outcome = await SaveAsync("# Final notice\n\nPay {{AmountDew}}.\n\n{{#section \"next-steps\"}}\nA summons may follow.\n{{/section}}", Today);

        var problems = outcome.ShouldBeOfType<Outcome<LetterTemplate>.Invalid>().Message.Split('\n');
        problems.ShouldContain(p => p.Contains("'amount-due'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("AmountDew", StringComparison.Ordinal));
        (await ReadAsync(c => CouncilTemplates.SavedAsync(c, Council))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Wording_cannot_take_effect_before_the_day_it_is_saved()
    {
        var source = DefaultTemplates.For(LetterType.FinalNotice, Channel.Letter).Source;

        (await SaveAsync(source, Today.PlusDays(-1))).ShouldBeOfType<Outcome<LetterTemplate>.Invalid>().Field.ShouldBe("effectiveFrom");
    }
}
