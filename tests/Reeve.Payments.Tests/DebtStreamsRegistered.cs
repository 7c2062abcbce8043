using System.Runtime.CompilerServices;
using Reeve.BusinessRates;
using Reeve.CouncilTax;
using Reeve.Sundry;

namespace Reeve.Payments.Tests;

/// <summary>Registers the debt streams before any test runs, as the composition roots (Web, CLI) do at start-up.</summary>
internal static class DebtStreamsRegistered
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A test assembly's start-up, standing in for the app's composition root")]
    internal static void Register()
    {
        CouncilTaxModule.Register();
        BusinessRatesModule.Register();
        SundryModule.Register();
    }
}
