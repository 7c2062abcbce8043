namespace Reeve.Letters;

/// <summary>The notices Reeve sends. Each has a typed model, templates per channel and blocks the law requires.</summary>
public enum LetterType
{
    DemandNotice,
    Reminder,
    FinalNotice,
    Summons,
    DirectDebitAdvanceNotice,
    RefundLetter,
    ArrangementLetter,
    DirectDebitCancelled,
    DirectDebitUnpaid,
    DirectDebitRePresentation,
    InformationRequest,
    OverpaymentDecision,
}

/// <summary>How a notice reaches a person: on paper, or through GOV.UK Notify by email or text message.</summary>
public enum Channel
{
    Letter,
    Email,
    Sms,
}

public static class LetterTypes
{
    public static IReadOnlyList<LetterType> All { get; } = Enum.GetValues<LetterType>();

    /// <summary>The code used in file names, configuration and the database: "demand-notice".</summary>
    public static string Code(this LetterType type) => type switch
    {
        LetterType.DemandNotice => "demand-notice",
        LetterType.Reminder => "reminder",
        LetterType.FinalNotice => "final-notice",
        LetterType.Summons => "summons",
        LetterType.DirectDebitAdvanceNotice => "dd-advance-notice",
        LetterType.RefundLetter => "refund",
        LetterType.ArrangementLetter => "arrangement",
        LetterType.DirectDebitCancelled => "dd-cancelled",
        LetterType.DirectDebitUnpaid => "dd-unpaid",
        LetterType.DirectDebitRePresentation => "dd-re-presentation",
        LetterType.InformationRequest => "information-request",
        LetterType.OverpaymentDecision => "overpayment-decision",
    };

    public static LetterType FromCode(string code) =>
        All.FirstOrDefault(t => t.Code() == code) is var found && found.Code() == code
            ? found
            : throw new ArgumentException($"'{code}' is not a letter type", nameof(code));

    public static string Code(this Channel channel) => channel switch
    {
        Channel.Letter => "letter",
        Channel.Email => "email",
        Channel.Sms => "sms",
    };

    public static Channel ChannelFromCode(string code) =>
        Enum.GetValues<Channel>().FirstOrDefault(c => c.Code() == code) is var found && found.Code() == code
            ? found
            : throw new ArgumentException($"'{code}' is not a channel", nameof(code));

    /// <summary>The typed model a template of this letter type is filled from.</summary>
    public static Type ModelType(this LetterType type) => type switch
    {
        LetterType.DemandNotice => typeof(DemandNoticeModel),
        LetterType.Reminder => typeof(ReminderModel),
        LetterType.FinalNotice => typeof(FinalNoticeModel),
        LetterType.Summons => typeof(SummonsModel),
        LetterType.DirectDebitAdvanceNotice => typeof(DirectDebitAdvanceNoticeModel),
        LetterType.RefundLetter => typeof(RefundModel),
        LetterType.ArrangementLetter => typeof(ArrangementModel),
        LetterType.DirectDebitCancelled => typeof(DirectDebitCancelledModel),
        LetterType.DirectDebitUnpaid => typeof(DirectDebitUnpaidModel),
        LetterType.DirectDebitRePresentation => typeof(DirectDebitRePresentationModel),
        LetterType.InformationRequest => typeof(InformationRequestModel),
        LetterType.OverpaymentDecision => typeof(OverpaymentDecisionModel),
    };
}
