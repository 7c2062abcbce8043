using NodaTime;
using Reeve.Kernel;

namespace Reeve.Recovery.Domain;

internal enum RecoveryStep
{
    FirstReminder,
    SecondReminder,
    InstalmentsLost,
    Summons,
    FinalNotice,
}

internal static class RecoverySteps
{
    /// <summary>The contract's name for a step (shared/contracts.md `recovery-timeline`).</summary>
    public static string Code(this RecoveryStep step) => step switch
    {
        RecoveryStep.FirstReminder => "first-reminder",
        RecoveryStep.SecondReminder => "second-reminder",
        RecoveryStep.InstalmentsLost => "instalments-lost",
        RecoveryStep.Summons => "summons",
        RecoveryStep.FinalNotice => "final-notice",
    };

    public static RecoveryStep? FromCode(string code) => code switch
    {
        "first-reminder" => RecoveryStep.FirstReminder,
        "second-reminder" => RecoveryStep.SecondReminder,
        "instalments-lost" => RecoveryStep.InstalmentsLost,
        "summons" => RecoveryStep.Summons,
        "final-notice" => RecoveryStep.FinalNotice,
        _ => null,
    };

    public static string Title(this RecoveryStep step) => step switch
    {
        RecoveryStep.FirstReminder => "First reminder",
        RecoveryStep.SecondReminder => "Second reminder",
        RecoveryStep.InstalmentsLost => "Loss of the right to instalments",
        RecoveryStep.Summons => "Summons",
        RecoveryStep.FinalNotice => "Final notice",
    };

    public static bool IsIssued(this RecoveryStep step) => step is not RecoveryStep.InstalmentsLost;
}

/// <summary>
/// One step the law attaches to a date. Reminders and summonses are issued by the council on that business day;
/// instalments-lost is the day the law makes the whole balance payable, which may be any day.
/// </summary>
internal sealed record RecoveryAction(LocalDate Date, RecoveryStep Step, Money Amount, LocalDate? Hearing, string Source);

/// <summary>A notice that was due on the as-at date or before it but is held back by a hold in force.</summary>
internal sealed record HeldNotice(LocalDate Since, Hold Hold, RecoveryStep Notice);

internal sealed record RecoveryTimeline(IReadOnlyList<RecoveryAction> Actions, IReadOnlyList<ExplanationStep> Explanation, HeldNotice? HeldBack = null);

/// <summary>Where each step comes from, as the explanation and each action cite it.</summary>
internal static class RecoverySources
{
    private const string Regs = "Council Tax (Administration and Enforcement) Regulations 1992 (SI 1992/613)";

    public const string Instalments = Regs + " Sch 1 Part I";
    public const string Reminder = Regs + " reg 23(1)";
    public const string NoReminderNeeded = Regs + " reg 23(2)";
    public const string ReminderFailed = Regs + " reg 23(3)";
    public const string ThirdDefault = Regs + " reg 23(4)";
    public const string FinalNotice = Regs + " reg 33";
    public const string FinalNoticeSummons = Regs + " reg 34(1): the final notice's sum unpaid 7 days after its issue";
    public const string Summons = Regs + " reg 34(1)-(2); at least 14 days from summons to hearing: SI 1998/295 reg 3";
    public const string Limitation = Regs + " reg 34(3)";
    public const string Hold = "Hold on the account: arrangement, dispute, officer hold or Breathing Space (SI 2020/1311)";
    public const string AsAt = "Recovery run on every business day up to the as-at date: " + Regs + " reg 1(2)";
}
