using NodaTime;
using Reeve.Kernel;

namespace Reeve.Letters.Tests;

/// <summary>
/// Fields of every letter type, as the run or event that writes each would (a recovery run's reminder, final notice
/// and summons; a Direct Debit, refund or arrangement letter), for tests that need one of each. Reeve itself never
/// makes a letter from sample fields; these stand in for the events in tests only.
/// </summary>
internal static class WrittenLetters
{
    public static LetterFields For(LetterType type, Money owed, LocalDate on)
    {
        var calendar = WorkingDays.EnglandAndWales;
        var year = FinancialYear.Containing(on).StartYear;
        return type switch
        {
            LetterType.DemandNotice => new DemandNoticeFields(year),
            LetterType.Reminder => new ReminderFields(year, 1, owed, on.PlusDays(6), owed, on.PlusDays(14)),
            LetterType.FinalNotice => new FinalNoticeFields(year, owed, on.PlusDays(7)),
            LetterType.Summons => new SummonsFields(year, owed, Money.FromPounds(70), "Wealdmoor Magistrates' Court",
                calendar.OnOrAfter(on.PlusDays(21)).At(new LocalTime(10, 0))),
            LetterType.DirectDebitAdvanceNotice => new DirectDebitAdvanceNoticeFields(year, "123456", "5678",
                [new InstalmentLine(calendar.AddWorkingDays(on, 10), owed)]),
            LetterType.RefundLetter => new RefundFields(Money.FromPounds(42), "you paid twice", "bank transfer"),
            LetterType.ArrangementLetter => new ArrangementFields(owed, [new InstalmentLine(on.PlusMonths(1), owed)]),
            LetterType.DirectDebitCancelled => new DirectDebitCancelledFields("CT00012349", "Your bank told us it was cancelled", owed, on.PlusDays(14), []),
            LetterType.DirectDebitUnpaid => new DirectDebitUnpaidFields("CT00012349", owed, "Refer to payer", on, owed, on.PlusDays(6)),
            LetterType.DirectDebitRePresentation => new DirectDebitRePresentationFields("CT00012349", owed, "Refer to payer", on,
                calendar.AddWorkingDays(on, 6), "5678"),
            LetterType.InformationRequest => new InformationRequestFields(year, on.PlusDays(-3), "Wealdmoor Magistrates' Court", owed, on.PlusDays(14)),
            LetterType.OverpaymentDecision => new OverpaymentDecisionFields("HB100234", on.PlusMonths(-4), on.PlusMonths(-2), owed,
                "The overpayment happened because of a mistake by the council", "you, the claimant", on.PlusDays(-1), on.PlusMonths(1), null),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }
}
