namespace Reeve.Letters.Tests;

/// <summary>
/// pdftotext reads back every item the law requires of each letter type, in the order a person reads the
/// letter (poppler-utils' pdftotext; where it is not installed these tests fail, saying so).
/// </summary>
public sealed class RequiredItemsTests
{
    private static readonly LetterRenderer Renderer = LetterRenderer.WithDefaults();

    public static TheoryData<LetterType, string[]> Letters => new()
    {
        // CTAE Regs 1992 reg 23(1): the sum to pay within 7 days and the date; reg 23(3): the loss of instalments.
        { LetterType.Reminder, ["Ms Alex Example", "DT2 3BC", "Council Tax reminder notice 2025/26", "What you must pay now", "£304.00", "18 May 2025",
            "any instalment due in the", "If you do not pay", "lose the right to pay by instalments", "£1,368.08", "26 May 2025", "Payment slip"] },
        // Reg 33: the sum due; reg 34(1): a summons may follow after 7 days.
        { LetterType.FinalNotice, ["Ms Alex Example", "Council Tax final notice 2025/26", "£1,368.08", "8 July 2025", "summons", "Payment slip"] },
        // Reg 34: the court, the date and time, the sum and the costs, and that paying before the hearing stops it (reg 34(5)).
        { LetterType.Summons, ["Ms Alex Example", "Summons to the magistrates' court", "Demotown Magistrates' Court", "10:00am on 28 August 2025",
            "£1,368.08", "£80.50", "£1,448.58", "before the hearing"] },
        // The Direct Debit Guarantee: each amount and date, and the Guarantee.
        { LetterType.DirectDebitAdvanceNotice, ["Ms Alex Example", "Direct Debit advance notice 2025/26", "5678", "123456", "1 April 2025", "£152.08",
            "1 January 2026", "£152.00", "The Direct Debit Guarantee"] },
        { LetterType.RefundLetter, ["Ms Alex Example", "Council tax refund", "£123.45", "moved out", "bank transfer"] },
        { LetterType.ArrangementLetter, ["Ms Alex Example", "Your arrangement to pay", "£600.00", "1 September 2025", "£100.00", "1 February 2026",
            "If you miss a payment"] },
        // A Direct Debit that ended: what happened, what is owed and by when, how to pay or set up a new one.
        { LetterType.DirectDebitCancelled, ["Ms Alex Example", "Your council tax Direct Debit has ended", "CT00012349", "you cancelled",
            "£912.00", "1 October 2025", "1 March 2026", "How to pay", "new Direct Debit", "Payment slip"] },
        { LetterType.DirectDebitUnpaid, ["Ms Alex Example", "Your council tax Direct Debit was not paid", "£152.00", "5 September 2025",
            "Instruction cancelled", "not collect it again", "£152.00", "14 September 2025", "£1,064.00", "How to pay", "new one"] },
        // The re-presentation date is on the letter: the payer hears when the money will be taken again.
        { LetterType.DirectDebitRePresentation, ["Ms Alex Example", "will be collected again", "£152.00", "Refer to payer",
            "account ending 5678", "make sure the money", "another way", "16 September 2025"] },
        // CTAE Regs 1992 reg 36(1): the order, what the person must tell the council, 14 days to reply; the penalty for not replying.
        { LetterType.InformationRequest, ["Ms Alex Example", "Request for your employment and income details", "28 August 2025",
            "Demotown Magistrates' Court", "£1,448.58", "employer", "benefits", "15 September 2025", "penalty"] },
        // HB Regs 2006 Sch 9 paras 13-15: the overpayment, its period and amount, the cause, from whom, the right of appeal and its time limit.
        { LetterType.OverpaymentDecision, ["Ms Alex Example", "Housing Benefit overpayment decision", "HB100234", "7 April", "29 June 2025", "£846.30",
            "How it happened", "earnings went up", "you, the claimant", "If you disagree", "appeal", "1 October"] },
    };

    [Theory]
    [MemberData(nameof(Letters))]
    public void Pdftotext_reads_every_required_item_in_order(LetterType type, string[] phrases)
    {
        var text = LetterPdfTests.PdfToText(Renderer.Render(type, Channel.Letter, DemoLetters.For(type)).Pdf!);

        text.ShouldReadInOrder(phrases);
    }

    [Fact]
    public void A_second_reminder_warns_that_the_next_missed_instalment_makes_the_whole_year_due()
    {
        // CTAE Regs 1992 reg 23(4), as the rulebook (1.10) reads it.
        var second = DemoLetters.Reminder with { ReminderNumber = 2 };

        Renderer.Render(LetterType.Reminder, Channel.Letter, second).Document.ToPlainText().ShouldContain("second reminder this year");
        Renderer.Render(LetterType.Reminder, Channel.Letter, DemoLetters.Reminder).Document.ToPlainText().ShouldNotContain("second reminder this year");
    }

    [Fact]
    public void Every_letter_type_has_a_default_template_on_every_channel_that_passes_the_save_check()
    {
        var engine = new TemplateEngine();
        foreach (var type in LetterTypes.All)
        {
            foreach (var channel in Enum.GetValues<Channel>())
            {
                var template = DefaultTemplates.For(type, channel);
                TemplateValidation.Problems(engine, type, channel, template.Source).ShouldBeEmpty($"{type.Code()}.{channel.Code()}");
            }
        }
    }
}
