using NodaTime;
using Reeve.Kernel;

namespace Reeve.Recovery;

public sealed record CourtSession(long SessionId, string Court, LocalDate Date, string Time, int Capacity, int Listed);

/// <summary>One complaint on a session's list: a summons for an account's year, with what the court has decided.</summary>
public sealed record ComplaintLine(
    long NoticeId, long AccountId, string Reference, FinancialYear Year, string Defendant, string Address, LocalDate IssuedOn,
    LocalDate? ServedOn, Money Amount, Money SummonsCosts, string? Outcome);

public enum HearingOutcome
{
    LiabilityOrder,
    Withdrawn,
    Adjourned,
    PaidBeforeHearing,
}

public sealed record OutcomeEntry(string Reference, HearingOutcome Outcome, string Note = "");

public sealed record OutcomeResult(string Reference, FinancialYear Year, HearingOutcome Recorded, Money Costs, string Why);

/// <summary>The outcomes a magistrates' court gives on a liability order complaint, as codes and titles.</summary>
public static class HearingOutcomes
{
    public static string Code(this HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.LiabilityOrder => "liability-order",
        HearingOutcome.Withdrawn => "withdrawn",
        HearingOutcome.Adjourned => "adjourned",
        HearingOutcome.PaidBeforeHearing => "paid-before-hearing",
    };

    public static string Title(this HearingOutcome outcome) => outcome switch
    {
        HearingOutcome.LiabilityOrder => "Liability order granted",
        HearingOutcome.Withdrawn => "Withdrawn",
        HearingOutcome.Adjourned => "Adjourned",
        HearingOutcome.PaidBeforeHearing => "Paid before the hearing",
    };

    public static HearingOutcome? FromCode(string code) =>
        Enum.GetValues<HearingOutcome>().Where(o => string.Equals(o.Code(), code.Trim(), StringComparison.OrdinalIgnoreCase)).Select(o => (HearingOutcome?)o).FirstOrDefault();
}
