using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>A valuation band on 1 April 1991 values (LGFA 1992 s5(2)).</summary>
public enum Band
{
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
}

/// <summary>
/// The charge for a band as a proportion of Band D, in ninths (LGFA 1992 s5(1)): 6, 7, 8, 9, 11, 13, 15, 18.
/// </summary>
public static class BandRatios
{
    private static readonly int[] Ninths = [6, 7, 8, 9, 11, 13, 15, 18];

    public static int NinthsOf(Band band) => Ninths[(int)band];

    public static bool TryParse(string? text, out Band band)
    {
        band = Band.D;
        if (text is not { Length: 1 } || text[0] < 'A' || text[0] > 'H')
        {
            return false;
        }

        band = (Band)(text[0] - 'A');
        return true;
    }

    /// <summary>
    /// The annual charge for a band: Band D × ratio, to the nearest penny, halves away from zero (LGFA 1992 s5(1)).
    /// With the disabled band reduction the dwelling is charged as the next band down; Band A pays five ninths
    /// of Band D (Council Tax (Reductions for Disabilities) Regulations 1992 reg 4).
    /// </summary>
    public static BandCharge AnnualCharge(Money bandD, Band band, bool disabledBandReduction) =>
        // A council has a handful of Band D charges a year, so annual billing asks the same few questions a
        // million times; the answer (with its working) is immutable and kept.
        Worked.Get((bandD, band, disabledBandReduction), static key => Work(key.BandD, key.Band, key.Disabled));

    private static readonly Memo<(Money BandD, Band Band, bool Disabled), BandCharge> Worked = new(1_000);

    private static BandCharge Work(Money bandD, Band band, bool disabledBandReduction)
    {
        var ninths = NinthsOf(band);
        var steps = new List<ExplanationStep>
        {
            new($"Band {band} is {ninths}/9 of Band D {bandD.ToDisplayString()}", Rounding.RoundHalfUpToPence(bandD, ninths, 9), Sources.BandRatio),
        };
        if (disabledBandReduction)
        {
            ninths = band == Band.A ? 5 : NinthsOf(band - 1);
            var charged = band == Band.A ? "five ninths of Band D (Band A reduction)" : $"as Band {band - 1}, {ninths}/9 of Band D";
            steps.Add(new($"Disabled band reduction: charged {charged}", Rounding.RoundHalfUpToPence(bandD, ninths, 9), Sources.DisabledBandReduction));
        }

        return new BandCharge(Rounding.RoundHalfUpToPence(bandD, ninths, 9), ninths, steps);
    }
}

public sealed record BandCharge(Money Annual, int Ninths, IReadOnlyList<ExplanationStep> Steps);
