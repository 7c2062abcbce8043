using Reeve.Kernel;

namespace Reeve.Reporting.Domain;

/// <summary>A share as basis points (1% is 100), the form every rate on the dashboards and returns is kept in.</summary>
public static class Shares
{
    /// <summary>
    /// <paramref name="part"/> as a share of <paramref name="whole"/> in basis points, rounded half up to the nearest
    /// basis point (0.01%); null when the whole is nothing or less, since no rate can be made of it.
    /// </summary>
    public static int? InBasisPoints(long part, long whole)
    {
        if (whole <= 0)
        {
            return null;
        }

        var scaled = (decimal)part * 10_000m / whole;
        return (int)Math.Round(scaled, 0, MidpointRounding.AwayFromZero);
    }

    public static int? InBasisPoints(Money part, Money whole) => InBasisPoints(part.Pence, whole.Pence);

    /// <summary>"96.42%".</summary>
    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
