using Reeve.Ledger;

namespace Reeve.Overpayments;

/// <summary>
/// Housing Benefit overpayments as a debt stream, for the composition roots (Web, CLI, the demo council, the bench) to register at
/// start-up. Social care charges (issue 16's second half) will be a stream of their own.
/// </summary>
public static class OverpaymentsModule
{
    /// <summary>Registers the stream with <see cref="DebtStreams"/>, so the person view, arrangements and recovery see overpayments.</summary>
    public static void Register() => DebtStreams.Register(new OverpaymentStream());
}
