using NodaTime;
using Reeve.Kernel;

namespace Reeve.Sundry.Domain;

public enum ClaimRoute
{
    Paper = 1,
    Online = 2,
}

/// <summary>
/// One band of a County Court issue fee table: claims over <see cref="Over"/> up to and including <see cref="UpTo"/>
/// (no limit when null), on one route, in force from <see cref="From"/> to <see cref="To"/> inclusive. The fee is a fixed
/// sum, a percentage of the claim (in basis points), or neither when the route does not take such claims.
/// </summary>
public sealed record CourtFeeBand(
    ClaimRoute Route, LocalDate From, LocalDate To, Money Over, Money? UpTo, Money? Fee, int? PercentBasisPoints, string Source)
{
    public bool Covers(ClaimRoute route, LocalDate date, Money claim) =>
        Route == route && date >= From && date <= To && claim > Over && (UpTo is not { } top || claim <= top);
}

public abstract record CourtFeeOutcome
{
    private CourtFeeOutcome()
    {
    }

    public sealed record Fee(Money Amount, CourtFeeBand Band) : CourtFeeOutcome;

    /// <summary>No table in force on the date: the claim cannot be priced yet.</summary>
    public sealed record NoTable(LocalDate EarliestKnown, LocalDate LatestKnown) : CourtFeeOutcome;

    /// <summary>The route does not take a claim of this size (Money Claim Online before 18 May 2021: up to 100,000.00).</summary>
    public sealed record RouteRefuses(CourtFeeBand Band) : CourtFeeOutcome;
}

/// <summary>The fee to issue a money claim (Civil Proceedings Fees Order 2008, SI 2008/1053, Sch 1 fees 1.1 and 1.2).</summary>
public static class CourtFees
{
    public static CourtFeeOutcome For(IReadOnlyList<CourtFeeBand> table, ClaimRoute route, LocalDate date, Money claim)
    {
        if (!claim.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(claim), "A claim must be for more than nothing");
        }

        var band = table.FirstOrDefault(b => b.Covers(route, date, claim));
        if (band is null)
        {
            var onRoute = table.Where(b => b.Route == route).ToList();
            return new CourtFeeOutcome.NoTable(onRoute.Min(b => b.From), onRoute.Max(b => b.To));
        }

        return band switch
        {
            { Fee: { } fixedFee } => new CourtFeeOutcome.Fee(fixedFee, band),
            // GOV.UK "Make a court claim for money: court fees": a percentage fee is rounded down to the penny.
            { PercentBasisPoints: { } bp } => new CourtFeeOutcome.Fee(Rounding.RoundTowardZeroToPence(claim, bp, 10_000), band),
            _ => new CourtFeeOutcome.RouteRefuses(band),
        };
    }
}
