using NodaTime;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>
/// A fictional council and person with every field filled, for template previews and for checking a template
/// before it is saved. Every required field has a value that shows on the page.
/// </summary>
public static class DemoLetters
{
    public static CouncilDetails Council { get; } = new(
        "Reeve Demo District Council",
        ["Council Offices", "1 High Street", "Demotown", "DT1 1AA"],
        "01234 567890",
        "www.demo-district.gov.uk/counciltax",
        "counciltax@demo-district.gov.uk",
        "#1d70b8",
        "20-00-00",
        "12345678");

    public static Addressee Recipient { get; } = new(
        "Ms Alex Example",
        new PostalAddress(["Flat 2", "14 Station Road", "Demotown"], "DT2 3BC"));

    public static AccountReference Reference { get; } = AccountReference.Create(AccountKind.CouncilTax, 1234);

    public static LocalDate IssuedOn { get; } = new(2025, 3, 10);

    public static DemandNoticeModel DemandNotice { get; } = new(
        Council, Recipient, Reference, IssuedOn, "2025/26", "Flat 2, 14 Station Road, Demotown DT2 3BC", "C",
        BandDCharge: Money.FromPence(228_013),
        Precepts:
        [
            new("Reeve Demo District Council", Money.FromPence(23_016), Money.FromPence(22_518)),
            new("Demoshire County Council (excluding adult social care)", Money.FromPence(145_027), Money.FromPence(139_000)),
            new("Demoshire Police and Crime Commissioner", Money.FromPence(28_000), Money.FromPence(26_700)),
            new("Demoshire Fire Authority", Money.FromPence(9_020), Money.FromPence(8_697)),
            new("Demotown Parish Council", Money.FromPence(1_500), Money.FromPence(1_500)),
        ],
        AdultSocialCare: new(Money.FromPence(21_450), Money.FromPence(18_000)),
        Charges:
        [
            new("Band C charge 1 April 2025 to 31 March 2026", Money.FromPence(202_678)),
            new("Single person discount (25%)", Money.FromPence(-50_670)),
        ],
        Discounts: [new("Single person discount", Money.FromPence(-50_670))],
        AmountDue: Money.FromPence(152_008),
        Instalments: Instalments(new LocalDate(2025, 4, 1), 10, Money.FromPence(15_208), Money.FromPence(15_200)),
        PaymentMethod: "Direct Debit");

    public static ReminderModel Reminder { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 5, 12), "2025/26", 1,
        AmountOverdue: Money.FromPence(30_400), PayBy: new LocalDate(2025, 5, 18),
        BalanceForYear: Money.FromPence(136_808), BalanceDueIfNotPaid: new LocalDate(2025, 5, 26));

    public static FinalNoticeModel FinalNotice { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 7, 1), "2025/26", Money.FromPence(136_808), new LocalDate(2025, 7, 8));

    public static SummonsModel Summons { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 8, 1), "2025/26", Money.FromPence(136_808), Money.FromPence(8_050),
        "Demotown Magistrates' Court, Court Road, Demotown DT1 9ZZ", new LocalDateTime(2025, 8, 28, 10, 0));

    public static DirectDebitAdvanceNoticeModel DirectDebitAdvanceNotice { get; } = new(
        Council, Recipient, Reference, IssuedOn, "2025/26", "123456", "5678",
        Instalments(new LocalDate(2025, 4, 1), 10, Money.FromPence(15_208), Money.FromPence(15_200)));

    public static RefundModel Refund { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 9, 3), Money.FromPence(12_345),
        "you moved out of the property on 31 July 2025", "bank transfer to the account you gave us");

    public static ArrangementModel Arrangement { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 8, 20), Money.FromPence(60_000),
        Instalments(new LocalDate(2025, 9, 1), 6, Money.FromPence(10_000), Money.FromPence(10_000)));

    public static DirectDebitCancelledModel DirectDebitCancelled { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 9, 8), "CT00012349", "Your bank told us you cancelled it on 4 September 2025",
        Money.FromPence(91_200), new LocalDate(2025, 10, 1),
        Instalments(new LocalDate(2025, 10, 1), 6, Money.FromPence(15_200), Money.FromPence(15_200)));

    public static DirectDebitUnpaidModel DirectDebitUnpaid { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 9, 8), "CT00012349", Money.FromPence(15_200), "Instruction cancelled",
        new LocalDate(2025, 9, 5), Money.FromPence(106_400), new LocalDate(2025, 9, 14));

    public static DirectDebitRePresentationModel DirectDebitRePresentation { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 9, 8), "CT00012349", Money.FromPence(15_200), "Refer to payer",
        new LocalDate(2025, 9, 5), new LocalDate(2025, 9, 16), "5678");

    public static InformationRequestModel InformationRequest { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 9, 1), "2025/26", new LocalDate(2025, 8, 28),
        "Demotown Magistrates' Court", Money.FromPence(144_858), new LocalDate(2025, 9, 15));

    public static OverpaymentDecisionModel OverpaymentDecision { get; } = new(
        Council, Recipient, Reference, new LocalDate(2025, 9, 1), "HB100234", new LocalDate(2025, 4, 7), new LocalDate(2025, 6, 29),
        Money.FromPence(84_630), "You did not tell us promptly that your earnings went up", "you, the claimant", new LocalDate(2025, 8, 29),
        new LocalDate(2025, 10, 1), null);

    public static ILetterModel For(LetterType type) => type switch
    {
        LetterType.DemandNotice => DemandNotice,
        LetterType.Reminder => Reminder,
        LetterType.FinalNotice => FinalNotice,
        LetterType.Summons => Summons,
        LetterType.DirectDebitAdvanceNotice => DirectDebitAdvanceNotice,
        LetterType.RefundLetter => Refund,
        LetterType.ArrangementLetter => Arrangement,
        LetterType.DirectDebitCancelled => DirectDebitCancelled,
        LetterType.DirectDebitUnpaid => DirectDebitUnpaid,
        LetterType.DirectDebitRePresentation => DirectDebitRePresentation,
        LetterType.InformationRequest => InformationRequest,
        LetterType.OverpaymentDecision => OverpaymentDecision,
    };

    private static List<InstalmentLine> Instalments(LocalDate first, int count, Money firstAmount, Money others) =>
        Enumerable.Range(0, count).Select(i => new InstalmentLine(first.PlusMonths(i), i == 0 ? firstAmount : others)).ToList();
}
