using NodaTime;
using Reeve.Kernel;

namespace Reeve.Enforcement.Domain;

/// <summary>What a person told the council about their work, in reply to a request under reg 36.</summary>
public enum Employment
{
    Employed = 1,
    SelfEmployed = 2,
    NotWorking = 3,
    Retired = 4,
}

public static class Employments
{
    public static string Code(this Employment employment) => employment switch
    {
        Employment.Employed => "employed",
        Employment.SelfEmployed => "self-employed",
        Employment.NotWorking => "not-working",
        Employment.Retired => "retired",
    };

    public static Employment? FromCode(string? code) => code switch
    {
        "employed" => Employment.Employed,
        "self-employed" => Employment.SelfEmployed,
        "not-working" => Employment.NotWorking,
        "retired" => Employment.Retired,
        _ => null,
    };
}

/// <summary>
/// The rules of Part VI of the CTAE Regs 1992 after a liability order that the enforcement module applies: the request for
/// information (reg 36), and attachment of earnings (regs 37-39 and 42, with the limit SI 1998/295 reg 4 inserted as reg 37(4)).
/// Pure: the handlers read the facts and ask here.
/// </summary>
public static class EnforcementLaw
{
    public const string InformationSource =
        "CTAE Regs 1992 (SI 1992/613) reg 36(1): a debtor under a liability order must supply the information asked for about their employment and income within 14 days of the request";

    public const string AttachmentSource =
        "CTAE Regs 1992 (SI 1992/613) reg 37(1): an attachment of earnings order to the debtor's employer, deducting under reg 38 and Schedule 4";

    public const string TwoOrdersSource =
        "CTAE Regs 1992 reg 37(4) (inserted by SI 1998/295 reg 4): no order may be made if the orders in force against the debtor would exceed two; reg 42: they take priority in the order made";

    /// <summary>Reg 36(1): 14 days beginning the day after the request to reply, so the reply is due 14 days after it.</summary>
    public static LocalDate ReplyDue(LocalDate issuedOn) => issuedOn.PlusDays(14);

    /// <summary>A request not answered by its due day is flagged from the next day on.</summary>
    public static bool Unanswered(LocalDate replyDue, LocalDate asAt) => asAt > replyDue;

    /// <summary>Reg 37(4): at most two orders in force against one debtor at once.</summary>
    public const int MostOrdersInForce = 2;

    /// <summary>The benefits a reply may name (the DWP deductions they open are a later slice: rulebook 1.14).</summary>
    public static readonly IReadOnlyList<string> Benefits =
        ["universal-credit", "income-support", "jobseekers-allowance", "employment-support-allowance", "pension-credit", "state-pension", "other"];

    /// <summary>
    /// Attachment of earnings and the request for information are council tax remedies (CTAE Regs 1992 Part VI); business rates
    /// orders are enforced by taking control of goods, commitment and insolvency (NNDR Regs 1989 regs 14-20), and other regimes
    /// have no liability order at all. Null when the regime has these remedies; otherwise why not.
    /// </summary>
    public static string? WhyNotUnder(RecoveryRegime? regime) => regime switch
    {
        RecoveryRegime.CouncilTax => null,
        RecoveryRegime.BusinessRates =>
            "Requests for information and attachment of earnings are council tax remedies (CTAE Regs 1992 regs 36-39); a business rates liability order is enforced under the NNDR Regs 1989 regs 14-20 (enforcement agents, commitment, insolvency)",
        _ => "This account's recovery regime has no liability order to enforce under the CTAE Regs 1992",
    };

    /// <summary>What a liability order leaves to enforce: its sum and costs, less what has been paid on the year since (never below nothing).</summary>
    public static Money Outstanding(Money orderTotal, Money yearBalance) => Money.Max(Money.Zero, Money.Min(orderTotal, yearBalance));

    /// <summary>
    /// An employer is found again by its name and postcode, folded: capitals, letters and digits only, and "limited" read as
    /// "ltd", so "Acme Widgets Limited, AB1 2CD" and "ACME WIDGETS LTD., ab12cd" are one employer.
    /// </summary>
    public static string EmployerKey(string name, string postcode)
    {
        var words = name.ToUpperInvariant().Split([' ', '\t', ',', '.', '-', '&', '\'', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w == "LIMITED" ? "LTD" : w == "AND" ? "" : w)
            .Where(w => w.Length > 0);
        var code = new string([.. postcode.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return string.Join(' ', words) + "|" + code;
    }
}
