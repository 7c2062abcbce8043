using Reeve.Kernel;

namespace Reeve.CouncilTax.Domain;

/// <summary>
/// Liability is decided day by day (LGFA 1992 s2), so an annual amount is charged for part of a year as
/// annual × days liable ÷ days in the financial year (365, or 366 when it holds 29 February), to the penny.
/// </summary>
public static class Apportionment
{
    public static Money ForDays(Money annual, int daysLiable, int daysInYear)
    {
        if (daysLiable < 0 || daysLiable > daysInYear)
        {
            throw new ArgumentOutOfRangeException(nameof(daysLiable), "Days liable must be within the year");
        }

        return Rounding.RoundHalfUpToPence(annual, daysLiable, daysInYear);
    }

    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static int DaysInclusive(NodaTime.LocalDate from, NodaTime.LocalDate to) =>
        NodaTime.Period.Between(from, to, NodaTime.PeriodUnits.Days).Days + 1;
}
