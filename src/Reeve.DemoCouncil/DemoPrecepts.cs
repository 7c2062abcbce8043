using Reeve.CouncilTax;
using Reeve.Kernel;

namespace Reeve.DemoCouncil;

/// <summary>
/// The demo councils' precepts: a two-tier district, so the county (with its adult social care precept shown
/// apart), police and fire precept on it, and some towns have a parish council. The shares are invented but
/// shaped like a real district's, where the district's own part is a small slice of the bill.
/// </summary>
internal static class DemoPrecepts
{
    private static readonly (string Kind, string Name, int PerThousand)[] Shares =
    [
        ("county", "Midshire County Council", 690),
        ("adult-social-care", "Midshire County Council (adult social care)", 95),
        ("police", "Midshire Police and Crime Commissioner", 120),
        ("fire", "Midshire Fire and Rescue Authority", 45),
    ];

    public static IReadOnlyList<Precept> For(DemoCouncilProfile profile, string town, FinancialYear year)
    {
        var total = profile.BandD(year);
        var previousTotal = profile.BandD(year.Previous);
        var precepts = new List<Precept>();
        var shared = Money.Zero;
        var sharedBefore = Money.Zero;
        foreach (var (kind, name, perThousand) in Shares)
        {
            var now = Rounding.RoundHalfUpToPence(total, perThousand, 1000);
            var before = Rounding.RoundHalfUpToPence(previousTotal, perThousand, 1000);
            precepts.Add(new Precept(name, kind, now, before));
            shared += now;
            sharedBefore += before;
        }

        var parish = ParishBandD(town, year);
        precepts.Insert(0, new Precept(profile.Name, "billing-authority", total - shared - parish, previousTotal - sharedBefore - ParishBandD(town, year.Previous)));
        if (parish.IsPositive)
        {
            precepts.Add(new Precept($"{town} Parish Council", "parish", parish, ParishBandD(town, year.Previous)));
        }

        return precepts;
    }

    // The main town of each council is unparished; the others have a small parish precept that rises each year.
    private static Money ParishBandD(string town, FinancialYear year) =>
        town is "Wealdmoor" or "Eastmere" ? Money.Zero : Money.FromPence(3_800 + ((year.StartYear - 2023) * 250) + (town.Length * 37));

    public static string AreaCode(string town) => town.ToUpperInvariant().Replace(" ", "-", StringComparison.Ordinal);
}
