using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Letters;

/// <summary>
/// Another module asking for a notice to go to an account: which council, account and letter type, the date it
/// is issued on, a source key that makes the request idempotent (the recovery run's "run 12 account 345
/// reminder 1"; asking twice with the same key queues one letter), and the typed fields only the asking module
/// knows (the sum due and the pay-by date, the hearing, the collections).
/// </summary>
public sealed record LetterRequest(CouncilId Council, long AccountId, LocalDate On, string SourceKey, LetterFields Fields)
{
    public LetterType Type => Fields.Type;
}

/// <summary>What a request says beyond the account's own records, one closed set of types, one per letter type.</summary>
[JsonDerivedType(typeof(DemandNoticeFields), "demand-notice")]
[JsonDerivedType(typeof(ReminderFields), "reminder")]
[JsonDerivedType(typeof(FinalNoticeFields), "final-notice")]
[JsonDerivedType(typeof(SummonsFields), "summons")]
[JsonDerivedType(typeof(DirectDebitAdvanceNoticeFields), "dd-advance-notice")]
[JsonDerivedType(typeof(RefundFields), "refund")]
[JsonDerivedType(typeof(ArrangementFields), "arrangement")]
[JsonDerivedType(typeof(DirectDebitCancelledFields), "dd-cancelled")]
[JsonDerivedType(typeof(DirectDebitUnpaidFields), "dd-unpaid")]
[JsonDerivedType(typeof(DirectDebitRePresentationFields), "dd-re-presentation")]
[JsonDerivedType(typeof(InformationRequestFields), "information-request")]
[JsonDerivedType(typeof(OverpaymentDecisionFields), "overpayment-decision")]
public abstract record LetterFields
{
    private protected LetterFields()
    {
    }

    [JsonIgnore]
    public abstract LetterType Type { get; }
}

/// <summary>A demand notice for the account's current bill for a financial year.</summary>
public sealed record DemandNoticeFields(int YearStarting) : LetterFields
{
    public override LetterType Type => LetterType.DemandNotice;
}

/// <summary>
/// A reminder (CTAE Regs 1992 reg 23(1)): <paramref name="SumDue"/> is the overdue instalments plus any falling
/// due within 7 days; <paramref name="PayBy"/> the last of the 7 days beginning with the day of issue; the whole
/// <paramref name="BalanceForYear"/> falls due on <paramref name="BalanceDueIfNotPaid"/> if it is not paid
/// (reg 23(3)). A second reminder (<paramref name="ReminderNumber"/> 2) also warns of reg 23(4).
/// </summary>
public sealed record ReminderFields(int YearStarting, int ReminderNumber, Money SumDue, LocalDate PayBy, Money BalanceForYear, LocalDate BalanceDueIfNotPaid)
    : LetterFields
{
    public override LetterType Type => LetterType.Reminder;
}

/// <summary>A final notice (CTAE Regs 1992 reg 33): the sum due, to be paid within 7 days of issue (reg 34(1)).</summary>
public sealed record FinalNoticeFields(int YearStarting, Money AmountDue, LocalDate PayBy) : LetterFields
{
    public override LetterType Type => LetterType.FinalNotice;
}

/// <summary>A summons (CTAE Regs 1992 reg 34): the court, the hearing's date and time, the sum outstanding and the costs so far.</summary>
public sealed record SummonsFields(int YearStarting, Money AmountOutstanding, Money Costs, string Court, LocalDateTime Hearing) : LetterFields
{
    public override LetterType Type => LetterType.Summons;
}

/// <summary>Advance notice of Direct Debit collections: each amount and date (formats.md 3, 10 working days ahead).</summary>
public sealed record DirectDebitAdvanceNoticeFields(
    int YearStarting, string ServiceUserNumber, string BankAccountEnding, IReadOnlyList<InstalmentLine> Collections) : LetterFields
{
    public override LetterType Type => LetterType.DirectDebitAdvanceNotice;
}

public sealed record RefundFields(Money Amount, string Reason, string PaidBy) : LetterFields
{
    public override LetterType Type => LetterType.RefundLetter;
}

/// <summary>An arrangement to pay: the amount it covers and the agreed schedule.</summary>
public sealed record ArrangementFields(Money AmountCovered, IReadOnlyList<InstalmentLine> Instalments) : LetterFields
{
    public override LetterType Type => LetterType.ArrangementLetter;
}

/// <summary>
/// A Direct Debit that has ended (the payer's bank cancelled it, ADDACS or ARUDD, or an officer did): what
/// happened, what the account owes now, the instalments still to pay and when, and the date the next payment is
/// due by (<paramref name="PayBy"/>, the first of them, or 14 days after issue when none is left).
/// </summary>
public sealed record DirectDebitCancelledFields(
    string MandateReference, string WhatHappened, Money AmountOwed, LocalDate PayBy, IReadOnlyList<InstalmentLine> Instalments) : LetterFields
{
    public override LetterType Type => LetterType.DirectDebitCancelled;
}

/// <summary>
/// A Direct Debit returned unpaid that will not be collected again (ARUDD, formats.md 2.3): the amount, the
/// bank's reason, what the account owes now and the date to pay the missed amount by.
/// </summary>
public sealed record DirectDebitUnpaidFields(
    string MandateReference, Money AmountReturned, string Reason, LocalDate ReturnedOn, Money AmountOwed, LocalDate PayBy) : LetterFields
{
    public override LetterType Type => LetterType.DirectDebitUnpaid;
}

/// <summary>
/// A Direct Debit returned unpaid that will be presented once more (ARUDD reason 0, formats.md 3): the amount,
/// the reason, and the day it will be taken from the payer's account again.
/// </summary>
public sealed record DirectDebitRePresentationFields(
    string MandateReference, Money Amount, string Reason, LocalDate ReturnedOn, LocalDate RePresentOn, string BankAccountEnding) : LetterFields
{
    public override LetterType Type => LetterType.DirectDebitRePresentation;
}

/// <summary>
/// A request for employment and income details after a liability order (CTAE Regs 1992 reg 36(1)): the order (its day and
/// court), the sum still owed under it, and the day the reply is due, 14 days after the request.
/// </summary>
public sealed record InformationRequestFields(int YearStarting, LocalDate OrderMadeOn, string Court, Money AmountOutstanding, LocalDate ReplyBy) : LetterFields
{
    public override LetterType Type => LetterType.InformationRequest;
}

/// <summary>
/// The decision that Housing Benefit was overpaid and is recoverable (HB Regs 2006 Sch 9 paras 13-15), with the day by which the
/// person may ask for a revision or appeal (one month, SI 2001/1002 regs 4 and 18); <see cref="Revises"/> names the decision a
/// revised one replaces. Cause and recovery are as the debt stream words them.
/// </summary>
public sealed record OverpaymentDecisionFields(
    string ClaimReference, LocalDate PeriodFrom, LocalDate PeriodTo, Money Amount, string Cause, string RecoverFrom, LocalDate DecidedOn, LocalDate AppealBy, string? Revises)
    : LetterFields
{
    public override LetterType Type => LetterType.OverpaymentDecision;
}

/// <summary>The fields as the queue stores them: JSON with money as Kernel's <see cref="MoneyJsonConverter"/> writes it and ISO dates.</summary>
internal static class LetterFieldsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { MoneyJsonConverter.Instance, new LocalDateConverter(), new LocalDateTimeConverter() },
    };

    public static string Write(LetterFields fields) => JsonSerializer.Serialize(fields, Options);

    public static LetterFields Read(string json) =>
        JsonSerializer.Deserialize<LetterFields>(json, Options) ?? throw new InvalidOperationException("A letter request has no fields");

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    private sealed class LocalDateTimeConverter : JsonConverter<LocalDateTime>
    {
        public override LocalDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDateTimePattern.GeneralIso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, LocalDateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDateTimePattern.GeneralIso.Format(value));
    }
}
