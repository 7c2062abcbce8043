using Reeve.BusinessRates;
using Reeve.CouncilTax;
using Reeve.Enforcement;
using Reeve.Kernel.Calculators;
using Reeve.Overpayments;
using Reeve.Recovery;
using Reeve.Sundry;

namespace Reeve.Calculators;

/// <summary>
/// Every calculator Reeve offers, gathered from the modules that own them, so that the CLI and the API
/// offer exactly the same set. Modules add theirs here as they arrive (council-tax, instalments, ...).
/// </summary>
public static class CalculatorCatalogue
{
    public static CalculatorRegistry Create() => new([.. CouncilTaxCalculators.All(), .. BusinessRatesModule.Calculators(), .. RecoveryCalculators.All(), new Reeve.People.AffordabilityCalculator(), .. SundryCalculators.All(), .. EnforcementCalculators.All(), .. OverpaymentCalculators.All()]);
}
