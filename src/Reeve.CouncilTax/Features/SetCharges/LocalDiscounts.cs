using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.CouncilTax;

/// <summary>
/// The council's determinations under LGFA 1992 s11A: a percentage discount (0 to 100) for each prescribed class
/// of dwelling for a year. Class C (unoccupied and substantially unfurnished) at 0% is the usual choice, and then
/// such a dwelling pays the full charge instead of the s11 50%. A class with no determination has 0%.
/// </summary>
public static class LocalDiscounts
{
    public static async Task<Outcome<int>> SetAsync(DbConnection connection, DbTransaction tx, CouncilId council, FinancialYear year, string cls, int percent)
    {
        if (cls is not ("A" or "B" or "C" or "D"))
        {
            return new Outcome<int>.Invalid("class", "The prescribed classes for local discounts are A, B, C and D");
        }

        if (percent is < 0 or > 100)
        {
            return new Outcome<int>.Invalid("percent", "A local discount is between 0% and 100%");
        }

        await connection.ExecuteAsync(
            "insert into local_discount (council_id, financial_year, class, percent) values (@council, @year, @cls, @percent) " +
            "on conflict (council_id, financial_year, class) do update set percent = @percent",
            new { council = council.Value, year = year.StartYear, cls, percent }, tx);
        return percent;
    }

    public static async Task<IReadOnlyDictionary<string, int>> ForYearAsync(DbConnection connection, DbTransaction? tx, CouncilId council, FinancialYear year) =>
        (await connection.QueryAsync<(string Class, int Percent)>(
            "select class, percent from local_discount where council_id = @council and financial_year = @year",
            new { council = council.Value, year = year.StartYear }, tx))
        .ToDictionary(r => r.Class, r => r.Percent, StringComparer.Ordinal);
}
