using Reeve.Ledger;
using Reeve.Letters;

namespace Reeve.CouncilTax;

/// <summary>Council Tax as a debt stream, for the composition roots (Web, CLI, the demo council) to register at start-up.</summary>
public static class CouncilTaxModule
{
    /// <summary>Registers the stream with <see cref="DebtStreams"/> (recovery) and its demand notice with <see cref="BillNotices"/> (letters).</summary>
    public static void Register()
    {
        DebtStreams.Register(new CouncilTaxStream());
        BillNotices.Register(new CouncilTaxDemandNotices());
    }
}
