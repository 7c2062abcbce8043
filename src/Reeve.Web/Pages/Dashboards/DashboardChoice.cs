using NodaTime;
using Reeve.Kernel;

namespace Reeve.Web.Pages.Dashboards;

/// <summary>The kind of account and financial year a dashboard is for, read from the query string with safe defaults.</summary>
public static class DashboardChoice
{
    public static readonly AccountKind[] Kinds = [AccountKind.CouncilTax, AccountKind.BusinessRates, AccountKind.Sundry, AccountKind.HousingBenefitOverpayment];

    public static AccountKind Kind(string? code) =>
        Kinds.FirstOrDefault(k => k.Code() == code, AccountKind.CouncilTax);

    /// <summary>The year asked for ("2025" for 2025/26) when it is one of the last ten, otherwise the year containing today.</summary>
    public static FinancialYear Year(string? text, LocalDate today)
    {
        var current = FinancialYear.Containing(today);
        return int.TryParse(text, out var start) && start <= current.StartYear && start > current.StartYear - 10 ? new FinancialYear(start) : current;
    }

    public static IEnumerable<FinancialYear> Years(LocalDate today)
    {
        var current = FinancialYear.Containing(today);
        for (var i = 0; i < 10; i++)
        {
            yield return new FinancialYear(current.StartYear - i);
        }
    }
}
