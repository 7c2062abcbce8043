namespace Reeve.Kernel;

/// <summary>
/// The law a kind of debt is recovered under. Each debt stream names its regime when it is registered, and the
/// recovery engine dispatches on it: a regime the engine does not play is left alone rather than recovered under
/// the wrong regulations.
/// </summary>
public enum RecoveryRegime
{
    /// <summary>Council Tax (Administration and Enforcement) Regulations 1992 (SI 1992/613) Part VI: reminders, summons, liability order.</summary>
    CouncilTax = 1,

    /// <summary>Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations 1989 (SI 1989/1058): notice, summons, liability order.</summary>
    BusinessRates = 2,

    /// <summary>Sundry debt: a claim in the County Court (Civil Procedure Rules Part 7; Pre-Action Protocol for Debt Claims).</summary>
    CountyCourt = 3,

    /// <summary>Housing Benefit overpayments: Social Security Administration Act 1992 s75 and the Housing Benefit Regulations 2006 Part 13.</summary>
    BenefitOverpayment = 4,

    /// <summary>Adult social care charges: Care Act 2014 s69-70 (recovery of charges as a debt, deferred payment).</summary>
    SocialCare = 5,
}

public static class RecoveryRegimes
{
    public static string Code(this RecoveryRegime regime) => regime switch
    {
        RecoveryRegime.CouncilTax => "council-tax",
        RecoveryRegime.BusinessRates => "business-rates",
        RecoveryRegime.CountyCourt => "county-court",
        RecoveryRegime.BenefitOverpayment => "benefit-overpayment",
        RecoveryRegime.SocialCare => "social-care",
    };

    /// <summary>The regulations the regime follows, as a recovery step or explanation cites them.</summary>
    public static string Regulations(this RecoveryRegime regime) => regime switch
    {
        RecoveryRegime.CouncilTax => "Council Tax (Administration and Enforcement) Regulations 1992 (SI 1992/613)",
        RecoveryRegime.BusinessRates => "Non-Domestic Rating (Collection and Enforcement) (Local Lists) Regulations 1989 (SI 1989/1058)",
        RecoveryRegime.CountyCourt => "Civil Procedure Rules Part 7 and the Pre-Action Protocol for Debt Claims",
        RecoveryRegime.BenefitOverpayment => "Social Security Administration Act 1992 s75; Housing Benefit Regulations 2006 (SI 2006/213) Part 13",
        RecoveryRegime.SocialCare => "Care Act 2014 ss69-70",
    };
}
