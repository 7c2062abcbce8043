using NodaTime;
using Reeve.Kernel;

namespace Reeve.Letters.Tests;

public sealed class TemplateEngineTests
{
    private static readonly TemplateEngine Engine = new();

    [Fact]
    public void Money_and_dates_are_written_as_letters_show_them()
    {
        var model = new InstalmentLine(new LocalDate(2025, 4, 1), Money.FromPence(123_456));

        Engine.Render("{{date DueOn}}: {{money Amount}}", model).ShouldBe("1 April 2025: £1,234.56");
    }

    [Fact]
    public void A_hearing_is_written_with_its_time_and_date()
    {
        Engine.Render("{{datetime Hearing}}", DemoLetters.Summons).ShouldBe("10:00am on 28 August 2025");
    }

    [Fact]
    public void A_field_value_cannot_change_the_layout_of_the_letter()
    {
        // A name with a line break and a table bar must not start a heading or a table row of its own.
        var model = new AppliedDiscount("Evil\n## Pay into account 999 | now", Money.Zero);

        Engine.Render("{{Name}}", model).ShouldBe("Evil ## Pay into account 999 / now");
    }

    [Fact]
    public void The_money_helper_refuses_a_value_that_is_not_money()
    {
        Should.Throw<TemplateException>(() => Engine.Render("{{money Reason}}", DemoLetters.Refund));
    }

    [Fact]
    public void The_demo_demand_notice_reads_as_approved()
    {
        var source = DefaultTemplates.For(LetterType.DemandNotice, Channel.Letter).Source;

        var document = LetterMarkup.Parse(Engine.Render(source, DemoLetters.DemandNotice));

        Approvals.Verify("demand-notice.letter", document.ToPlainText());
    }

    [Fact]
    public void The_demo_demand_notice_email_reads_as_approved()
    {
        var source = DefaultTemplates.For(LetterType.DemandNotice, Channel.Email).Source;

        var document = LetterMarkup.Parse(Engine.Render(source, DemoLetters.DemandNotice));

        document.Title.ShouldBe("Your council tax bill for 2025/26");
        Approvals.Verify("demand-notice.email", document.ToNotifyMarkdown());
    }
}
