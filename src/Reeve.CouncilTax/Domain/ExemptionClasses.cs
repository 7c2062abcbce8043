namespace Reeve.CouncilTax.Domain;

/// <summary>
/// England's classes of exempt dwelling under the Council Tax (Exempt Dwellings) Order 1992 (SI 1992/558) art 3.
/// Classes A and C were abolished in England from 1 April 2013 (SI 2012/2965) and replaced by local discounts;
/// Class X (care leavers) is Wales only.
/// </summary>
public static class ExemptionClasses
{
    private const string SinceApril2013 = "BDEFGHIJKLMNOPQRSTUVW";
    private const string Before2013 = "ABCDEFGHIJKLMNOPQRSTUVW";

    public static bool IsEnglandClass(string? letter, Reeve.Kernel.FinancialYear year) =>
        letter is { Length: 1 } && (year.StartYear >= 2013 ? SinceApril2013 : Before2013).Contains(letter[0], StringComparison.Ordinal);

    public static string ValidLettersFor(Reeve.Kernel.FinancialYear year) =>
        string.Join(", ", (year.StartYear >= 2013 ? SinceApril2013 : Before2013).ToCharArray());
}
