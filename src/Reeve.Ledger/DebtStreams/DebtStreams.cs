using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>The debt streams this process knows, one per account kind, registered once at start-up by a composition root.</summary>
public static class DebtStreams
{
    private static readonly ByAccountKind<IDebtStream> Streams = new(s => s.Kind, "debt stream");

    public static void Register(IDebtStream stream) => Streams.Register(stream);

    /// <summary>The registered streams, in account-kind order.</summary>
    public static IReadOnlyList<IDebtStream> All => Streams.All;

    public static IDebtStream? Find(AccountKind kind) => Streams.Find(kind);
}
