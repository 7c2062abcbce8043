namespace Reeve.CouncilTax.Domain;

/// <summary>
/// The statutory discount for an occupied dwelling from who lives there (LGFA 1992 s11). Residents are people
/// aged 18 or over whose sole or main residence it is; disregarded residents (Sch 1) are not counted.
/// </summary>
public static class Discounts
{
    /// <summary>The appropriate percentage: 25 unless the Secretary of State orders otherwise (s11(3)).</summary>
    public const int AppropriatePercent = 25;

    /// <summary>
    /// 25% when exactly one resident is counted (s11(1)), twice that when none is (s11(2)); otherwise none.
    /// </summary>
    public static DiscountDecision ForResidents(int adultResidents, int disregardedResidents)
    {
        if (adultResidents < 0 || disregardedResidents < 0 || disregardedResidents > adultResidents)
        {
            throw new ArgumentOutOfRangeException(nameof(disregardedResidents), "Disregarded residents must be between none and all of the adult residents");
        }

        return (adultResidents - disregardedResidents) switch
        {
            0 => new DiscountDecision(2 * AppropriatePercent, adultResidents == 0 ? "No resident: 50% discount" : "All residents disregarded: 50% discount", Sources.AllDisregardedDiscount),
            1 => new DiscountDecision(AppropriatePercent, adultResidents == 1 ? "One adult resident: 25% single person discount" : "All residents but one disregarded: 25% discount", Sources.SinglePersonDiscount),
            _ => new DiscountDecision(0, "Two or more residents counted: no discount", "LGFA 1992 s11"),
        };
    }
}

public sealed record DiscountDecision(int Percent, string Reason, string Source);
