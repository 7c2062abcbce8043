using Reeve.BusinessRates.Features.CalculateRates;
using Reeve.Kernel.Calculators;
using Reeve.Ledger;

namespace Reeve.BusinessRates;

/// <summary>Business Rates as a debt stream, for the composition roots (Web, CLI, the demo council) to register at start-up.</summary>
public static class BusinessRatesModule
{
    /// <summary>Registers the stream with <see cref="DebtStreams"/>, so recovery sees rates accounts and their due schedules.</summary>
    public static void Register() => DebtStreams.Register(new BusinessRatesStream());

    /// <summary>The calculators this module offers, for the catalogue in Reeve.Calculators.</summary>
    public static IEnumerable<ICalculator> Calculators() => [new BusinessRatesCalculator()];
}
