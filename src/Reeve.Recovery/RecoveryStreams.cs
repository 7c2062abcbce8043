using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Recovery;

/// <summary>
/// Which registered debt streams this engine recovers. It plays the magistrates' court regimes: reminders, loss
/// of the right to instalments, summons and liability order (council tax, CTAE Regs 1992 Part VI; business rates,
/// SI 1989/1058 regs 7-12, which follow the same steps). A stream under another regime (a County Court claim, a
/// benefit overpayment, a care charge) is left alone here rather than recovered under the wrong law.
/// </summary>
internal static class RecoveryStreams
{
    public static bool Plays(RecoveryRegime regime) => regime is RecoveryRegime.CouncilTax or RecoveryRegime.BusinessRates;

    /// <summary>The registered streams the engine recovers; a process that registered none is a wiring mistake.</summary>
    public static IReadOnlyList<IDebtStream> Recovered()
    {
        var streams = DebtStreams.All.Where(s => Plays(s.Regime)).ToList();
        return streams.Count > 0
            ? streams
            : throw new InvalidOperationException(
                "No debt stream recovered through the magistrates' court is registered: the composition root registers each stream at start-up (for council tax, CouncilTaxModule.Register())");
    }

    /// <summary>The regime the kind's registered stream is recovered under here, or null if none the engine plays.</summary>
    public static RecoveryRegime? RegimeFor(AccountKind kind) =>
        DebtStreams.Find(kind) is { } stream && Plays(stream.Regime) ? stream.Regime : null;
}
