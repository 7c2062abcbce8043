using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>What an annual billing run did, or in preview would do.</summary>
public sealed record AnnualBillingReport(
    long? RunId,
    FinancialYear Year,
    bool Preview,
    int Dwellings,
    int BillsIssued,
    int AlreadyBilled,
    int NewAccounts,
    Money Total,
    IReadOnlyDictionary<string, int> BillsByBand,
    IReadOnlyList<AnnualBillingProblem> Problems);

/// <summary>A dwelling the run could not bill, and why; the run goes on with the rest.</summary>
public sealed record AnnualBillingProblem(long Uprn, string Field, string Message);
