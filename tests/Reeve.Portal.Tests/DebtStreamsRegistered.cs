using System.Runtime.CompilerServices;
using Reeve.CouncilTax;

namespace Reeve.Portal.Tests;

/// <summary>Registers the debt streams before any test runs, as the composition roots (Web, CLI) do at start-up.</summary>
internal static class DebtStreamsRegistered
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "A test assembly's start-up, standing in for the app's composition root")]
    internal static void Register() => CouncilTaxModule.Register();
}
