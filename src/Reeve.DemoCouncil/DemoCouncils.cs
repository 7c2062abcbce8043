using NodaTime;
using Reeve.Kernel;

namespace Reeve.DemoCouncil;

/// <summary>
/// The two fictional councils of the demo shared service, with their towns, postcode areas and Band D
/// charges. The figures are invented for the demo and are not any real council's.
/// </summary>
internal sealed record DemoCouncilProfile(
    CouncilId Id,
    string Code,
    string Name,
    string[] Towns,
    string PostcodeArea,
    long UprnBase,
    IReadOnlyDictionary<int, Money> BandDCharge)
{
    public static readonly DemoCouncilProfile Wealdmoor = new(
        new CouncilId(1), "WLD", "Wealdmoor District Council", ["Wealdmoor", "Ashby Parva", "Longmere", "Stonebridge"], "WD", 100_100_000_000,
        new Dictionary<int, Money> { [2024] = Money.FromPence(213_456), [2025] = Money.FromPence(224_084), [2026] = Money.FromPence(235_244) });

    public static readonly DemoCouncilProfile Eastmere = new(
        new CouncilId(2), "EMR", "Eastmere Borough Council", ["Eastmere", "Saltfleet"], "EM", 100_200_000_000,
        new Dictionary<int, Money> { [2024] = Money.FromPence(205_110), [2025] = Money.FromPence(215_345), [2026] = Money.FromPence(226_090) });

    /// <summary>The first year the demo ledger holds; older years were settled in the system it replaced.</summary>
    public static readonly FinancialYear FirstLedgerYear = new(2024);

    /// <summary>The Band D charge for a year; years outside the table move by 4.99% a year, the usual referendum limit.</summary>
    public Money BandD(FinancialYear year)
    {
        if (BandDCharge.TryGetValue(year.StartYear, out var charge))
        {
            return charge;
        }

        var first = BandDCharge.Keys.Min();
        return year.StartYear < first
            ? Rounding.RoundHalfUpToPence(BandD(year.Next), 10_000, 10_499)
            : Rounding.RoundHalfUpToPence(BandD(year.Previous), 10_499, 10_000);
    }

    public LocalDate AnnualBillingDay(FinancialYear year) => new(year.StartYear, 3, 9);
}
