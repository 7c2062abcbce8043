using Reeve.Ledger;

namespace Reeve.Portal.Domain;

/// <summary>
/// Recovery stages and holds in words a resident can act on. The stages and their order are Recovery's; these are only
/// what each means for the person paying (Council Tax (Administration and Enforcement) Regulations 1992, Part VI).
/// </summary>
public static class PlainWords
{
    public static string NextStep(string stage) => stage switch
    {
        "first-reminder" => "We have sent you a reminder because an instalment was not paid. Pay what the reminder asks within 7 days and your instalments carry on as before.",
        "second-reminder" => "We have sent you a second reminder. Pay what it asks within 7 days. If you miss another instalment this year, you will lose the right to pay by instalments.",
        "instalments-lost" => "You no longer have the right to pay by instalments this year: the whole of the year's bill is due now.",
        "final-notice" => "We have sent you a final notice. Pay the whole amount for the year now, or we may ask the magistrates' court for a liability order.",
        "summons" => "We have asked the magistrates' court for a liability order, which adds costs and lets us recover the debt in other ways. Pay in full before the hearing to stop it.",
        "held" => "Reminders and court action are paused on this year (see below).",
        "no-court-session" => "A summons is due. We will tell you the date of the court hearing.",
        "waiting" => "Nothing is due from you today. If an instalment is missed, we will send a reminder.",
        _ => "Contact the council tax office to ask what happens next.",
    };

    public static string Hold(HoldReason reason) => reason switch
    {
        HoldReason.Arrangement => "You have an arrangement to pay. We will not send reminders while you keep to it.",
        HoldReason.Dispute => "You have told us you disagree with the bill. We will not take recovery action while we look into it.",
        HoldReason.Appeal => "An appeal about this bill is waiting to be decided. We will not take recovery action until it is.",
        HoldReason.Claim => "We are assessing a claim (for example for Council Tax Reduction). We will not take recovery action until it is decided.",
        HoldReason.BreathingSpace => "You are in Breathing Space (the Debt Respite Scheme). We must not ask you to pay or take action while it lasts.",
        HoldReason.MentalHealthCrisis => "You are in mental health crisis Breathing Space. We must not ask you to pay or take action while it lasts.",
        HoldReason.Insolvency => "We know about an insolvency. We will not take recovery action while it is dealt with.",
        HoldReason.Vulnerable => "We have paused recovery action while we make sure we support you properly.",
        HoldReason.Deceased => "We have paused recovery action following a death. We are sorry for your loss.",
        HoldReason.Officer => "We have paused recovery action on this account.",
    };
}
