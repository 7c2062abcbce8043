using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// A financial year runs from 1 April to 31 March and is named by the calendar year it starts in:
/// 2025 is 1 April 2025 to 31 March 2026 (LGFA 1992 s116: "financial year").
/// </summary>
public readonly record struct FinancialYear(int StartYear) : IComparable<FinancialYear>
{
    public LocalDate FirstDay => new(StartYear, 4, 1);
    public LocalDate LastDay => new(StartYear + 1, 3, 31);
    public DateInterval Days => new(FirstDay, LastDay);

    /// <summary>366 when the year contains 29 February, otherwise 365.</summary>
    public int DaysInYear => Period.Between(FirstDay, LastDay, PeriodUnits.Days).Days + 1;

    public static FinancialYear Containing(LocalDate date) =>
        new(date.Month >= 4 ? date.Year : date.Year - 1);

    public bool Contains(LocalDate date) => date >= FirstDay && date <= LastDay;

    public FinancialYear Next => new(StartYear + 1);
    public FinancialYear Previous => new(StartYear - 1);

    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(FinancialYear a, FinancialYear b) => a.StartYear < b.StartYear;
    public static bool operator >(FinancialYear a, FinancialYear b) => a.StartYear > b.StartYear;
    public static bool operator <=(FinancialYear a, FinancialYear b) => a.StartYear <= b.StartYear;
    public static bool operator >=(FinancialYear a, FinancialYear b) => a.StartYear >= b.StartYear;

    /// <summary>"2025/26", as officers and bills write it.</summary>
    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:00}";
}
