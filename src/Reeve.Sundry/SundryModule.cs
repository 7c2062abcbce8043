using Reeve.Ledger;

namespace Reeve.Sundry;

/// <summary>Sundry debt as a debt stream, for the composition roots (Web, CLI, the demo council) to register at start-up.</summary>
public static class SundryModule
{
    /// <summary>Registers the stream with <see cref="DebtStreams"/>, so recovery and the person view see sundry invoices.</summary>
    public static void Register() => DebtStreams.Register(new SundryStream());
}
