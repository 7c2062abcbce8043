using Reeve.Kernel;

namespace Reeve.Sundry.Domain;

/// <summary>
/// Whether a line's VAT is what its code's rate makes of its net amount. HMRC VAT Notice 700 section 17.5 lets a
/// supplier work VAT line by line and round each line's VAT to the nearest penny or down to the penny, so either is
/// accepted; anything else does not match the code.
/// </summary>
public static class VatCheck
{
    public static (bool Matches, Money Expected) Check(Money net, Money vat, int rateBasisPoints)
    {
        var nearest = Rounding.RoundHalfUpToPence(net, rateBasisPoints, 10_000);
        var down = Rounding.RoundTowardZeroToPence(net, rateBasisPoints, 10_000);
        return (vat == nearest || vat == down, nearest);
    }
}
