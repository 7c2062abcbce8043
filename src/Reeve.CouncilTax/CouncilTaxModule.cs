using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;

namespace Reeve.CouncilTax;

/// <summary>Council Tax as a debt stream, for the composition roots (Web, CLI, the demo council) to register at start-up.</summary>
public static class CouncilTaxModule
{
    /// <summary>Registers the stream with <see cref="DebtStreams"/> (recovery), its demand notice with <see cref="BillNotices"/> (letters) its bills' working with <see cref="BillExplanations"/> (the portal) and its reviews due with <see cref="DailyDuties"/> (the daily duties job).</summary>
    public static void Register()
    {
        DebtStreams.Register(new CouncilTaxStream());
        BillNotices.Register(new CouncilTaxDemandNotices());
        BillExplanations.Register(new CouncilTaxBillExplanations());
        DailyDuties.Register(new ReviewsDue());
    }
}
