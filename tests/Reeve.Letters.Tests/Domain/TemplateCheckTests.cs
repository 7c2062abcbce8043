using System.Text.RegularExpressions;

namespace Reeve.Letters.Tests;

public sealed class TemplateCheckTests
{
    private static readonly TemplateEngine Engine = new();

    private static string DemandNotice => DefaultTemplates.For(LetterType.DemandNotice, Channel.Letter).Source;

    public static TheoryData<string> DemandNoticeBlocks() => new(RequiredBlocks.For(LetterType.DemandNotice).Select(b => b.Name));

    public static TheoryData<LetterType, Channel> ShippedTemplates()
    {
        var data = new TheoryData<LetterType, Channel>();
        foreach (var t in DefaultTemplates.All)
        {
            data.Add(t.Type, t.Channel);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public void Every_shipped_template_may_be_saved(LetterType type, Channel channel)
    {
        TemplateValidation.Problems(Engine, type, channel, DefaultTemplates.For(type, channel).Source).ShouldBeEmpty();
    }

    [Fact]
    public void Every_letter_type_ships_a_paper_template()
    {
        foreach (var type in LetterTypes.All)
        {
            DefaultTemplates.For(type, Channel.Letter).Version.ShouldBe(1);
        }
    }

    [Theory]
    [MemberData(nameof(DemandNoticeBlocks))]
    public void A_demand_notice_template_that_drops_a_required_block_is_refused_naming_it(string block)
    {
        // SI 2011/3038 Sch 1 and CTAE Regs 1992 reg 21(1A): a bill must carry each of these.
        var without = Regex.Replace(DemandNotice, $"\\{{\\{{#section \"{block}\"\\}}\\}}.*?\\{{\\{{/section\\}}\\}}", "", RegexOptions.Singleline);
        without.ShouldNotBe(DemandNotice);

        var problems = TemplateValidation.Problems(Engine, LetterType.DemandNotice, Channel.Letter, without);

        problems.ShouldHaveSingleItem().ShouldContain($"leaves out the required section '{block}'");
    }

    [Fact]
    public void A_section_that_no_longer_shows_its_field_is_refused_naming_the_field()
    {
        var edited = DemandNotice.Replace("Your home is in valuation band {{Band}}.", "Your home has a band.", StringComparison.Ordinal);

        TemplateValidation.Problems(Engine, LetterType.DemandNotice, Channel.Letter, edited)
            .ShouldHaveSingleItem().ShouldBe("The section 'band' must show {{Band}} (the valuation band of the dwelling; SI 2011/3038 Sch 1).");
    }

    [Fact]
    public void A_template_naming_an_unknown_field_is_refused()
    {
        var edited = DemandNotice.Replace("Please read it and keep it.", "Dear {{Forename}}.", StringComparison.Ordinal);

        TemplateValidation.Problems(Engine, LetterType.DemandNotice, Channel.Letter, edited)
            .ShouldHaveSingleItem().ShouldContain("Forename");
    }

    [Fact]
    public void A_required_section_hidden_behind_a_condition_is_refused()
    {
        var edited = DemandNotice
            .Replace("{{#section \"appeals\"}}", "{{#if Discounts.Count}}{{else}}{{#section \"appeals\"}}", StringComparison.Ordinal)
            .Replace("Keep paying while you appeal.\n{{/section}}", "Keep paying while you appeal.\n{{/section}}{{/if}}", StringComparison.Ordinal);

        TemplateValidation.Problems(Engine, LetterType.DemandNotice, Channel.Letter, edited)
            .ShouldHaveSingleItem().ShouldContain("'appeals' does not show on the demo letter");
    }

    [Fact]
    public void A_template_that_cannot_be_read_is_refused()
    {
        TemplateValidation.Problems(Engine, LetterType.RefundLetter, Channel.Letter, "{{#section \"refund\"}}{{money Amount}} {{PaidBy}}")
            .ShouldContain(p => p.StartsWith("The template cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_helper_Reeve_does_not_register_cannot_be_called()
    {
        // Only money, date, datetime and section are registered: a template has no way to run anything else.
        Should.Throw<TemplateException>(() => Engine.Render("{{exec \"rm -rf /\"}}", DemoLetters.Refund));
    }

    [Fact]
    public void A_text_message_needs_no_required_blocks_because_it_cannot_serve_a_notice()
    {
        TemplateValidation.Problems(Engine, LetterType.DemandNotice, Channel.Sms, "Your bill is on its way.").ShouldBeEmpty();
    }

    [Fact]
    public void A_section_may_not_appear_twice()
    {
        var doubled = DemandNotice + "\n{{#section \"band\"}}Band {{Band}}{{/section}}\n";

        TemplateValidation.Problems(Engine, LetterType.DemandNotice, Channel.Letter, doubled)
            .ShouldContain("The section 'band' appears 2 times; keep one.");
    }
}
