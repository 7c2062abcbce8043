using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Portal.Domain;

/// <summary>
/// What a resident must know to prove an account is theirs: its reference, the postcode of the property it is for and
/// the amount of the last bill or demand. All three must match; the answer never says which one did not.
/// </summary>
public static class Proof
{
    /// <summary>The one refusal: it names no detail, so a wrong guess teaches nothing about the others.</summary>
    public const string Refused =
        "We could not match those details to an account. Check the account reference, postcode and bill amount on your latest bill and try again.";

    /// <summary>Postcodes compared without spaces or case: "sw1a 1aa" is "SW1A1AA".</summary>
    public static string Postcode(string? text) =>
        new string((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    /// <summary>The bill a resident holds last: the one issued most recently (a later year first when two share a day).</summary>
    public static ExplainedBill? LastBill(IReadOnlyList<ExplainedBill> bills) =>
        bills.OrderByDescending(b => b.IssuedOn).ThenByDescending(b => b.Year.StartYear).FirstOrDefault();

    public static bool Matches(string? propertyPostcode, IReadOnlyList<ExplainedBill> bills, string givenPostcode, Money givenAmount) =>
        propertyPostcode is not null
        && Postcode(propertyPostcode).Length > 0
        && Postcode(propertyPostcode) == Postcode(givenPostcode)
        && LastBill(bills) is { } last
        && last.Net == givenAmount;

    /// <summary>An amount as a resident types it: "£1,234.56", "1234.56" or "1234".</summary>
    public static bool TryAmount(string? text, out Money amount)
    {
        var plain = (text ?? "").Trim().Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (plain.Length > 0 && !plain.Contains('.', StringComparison.Ordinal))
        {
            plain += ".00";
        }

        return MoneyText.TryParse(plain, out amount, out _) && amount > Money.Zero;
    }
}
