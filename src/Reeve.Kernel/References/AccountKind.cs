namespace Reeve.Kernel;

/// <summary>What a liability is for. Each kind has its own account references, ledger income book and rules.</summary>
public enum AccountKind
{
    CouncilTax = 1,
    BusinessRates = 2,
    Sundry = 3,
    SocialCare = 4,
    HousingBenefitOverpayment = 5,
}

public static class AccountKinds
{
    public static string Code(this AccountKind kind) => kind switch
    {
        AccountKind.CouncilTax => "council-tax",
        AccountKind.BusinessRates => "business-rates",
        AccountKind.Sundry => "sundry",
        AccountKind.SocialCare => "social-care",
        AccountKind.HousingBenefitOverpayment => "hb-overpayment",
    };

    public static string Title(this AccountKind kind) => kind switch
    {
        AccountKind.CouncilTax => "Council Tax",
        AccountKind.BusinessRates => "Business Rates",
        AccountKind.Sundry => "Sundry debt",
        AccountKind.SocialCare => "Adult social care",
        AccountKind.HousingBenefitOverpayment => "Housing Benefit overpayment",
    };

    public static AccountKind FromCode(string code) => code switch
    {
        "council-tax" => AccountKind.CouncilTax,
        "business-rates" => AccountKind.BusinessRates,
        "sundry" => AccountKind.Sundry,
        "social-care" => AccountKind.SocialCare,
        "hb-overpayment" => AccountKind.HousingBenefitOverpayment,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown account kind"),
    };
}
