using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Properties;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>
/// A Manager records the council's setting of council tax for a charging area and year (LGFA 1992 s30): each
/// precepting authority's Band D amount, checked, all or nothing. Once bills for the year are out, the setting is
/// fixed here: a substitute setting after billing (s31) is rare and needs every bill re-issued, which is a
/// deliberate run, not a form.
/// </summary>
public static class SetCharges
{
    public static IReadOnlyList<string> Kinds { get; } = ["billing-authority", "adult-social-care", "county", "police", "fire", "parish"];

    /// <summary>Runs in the caller's transaction, which the caller commits with its audit row when the outcome is done.</summary>
    public static async Task<Outcome<Money>> SetAsync(DbConnection connection, DbTransaction tx, CouncilId council, string areaCode, string areaName, FinancialYear year, IReadOnlyList<Precept> precepts)
    {
        if (string.IsNullOrWhiteSpace(areaCode) || areaCode.Trim().Length > 10 || !areaCode.Trim().All(char.IsAsciiLetterOrDigit))
        {
            return new Outcome<Money>.Invalid("areaCode", "Enter the charging area's code: up to 10 letters or digits, like OAK");
        }

        if (string.IsNullOrWhiteSpace(areaName))
        {
            return new Outcome<Money>.Invalid("areaName", "Enter the charging area's name, like Oakley Parish");
        }

        if (precepts.Count == 0)
        {
            return new Outcome<Money>.Invalid("precepts", "Enter at least the council's own precept");
        }

        for (var i = 0; i < precepts.Count; i++)
        {
            var p = precepts[i];
            if (string.IsNullOrWhiteSpace(p.Preceptor))
            {
                return new Outcome<Money>.Invalid($"precepts[{i}].preceptor", $"Enter the name of precepting authority {i + 1}");
            }

            if (!Kinds.Contains(p.Kind))
            {
                return new Outcome<Money>.Invalid($"precepts[{i}].kind", $"Choose what kind of authority {p.Preceptor} is");
            }

            if (p.BandD.IsNegative || p.PreviousBandD is { IsNegative: true })
            {
                return new Outcome<Money>.Invalid($"precepts[{i}].bandD", $"{p.Preceptor}'s Band D amount cannot be negative");
            }

            if (precepts.Take(i).Any(q => string.Equals(q.Preceptor.Trim(), p.Preceptor.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                return new Outcome<Money>.Invalid($"precepts[{i}].preceptor", $"{p.Preceptor} is entered twice");
            }
        }

        if (!precepts.Any(p => p.Kind == "billing-authority"))
        {
            return new Outcome<Money>.Invalid("precepts", "Enter the council's own precept (the billing authority)");
        }

        var dwellings = await PropertyListings.InAreaAsync(connection, council, areaCode.Trim(), tx);
        var accounts = dwellings.Count == 0 ? [] : await PropertyAccounts.OnManyAsync(connection, council, AccountKind.CouncilTax, dwellings, tx);
        var billed = accounts.Count == 0 ? 0 : (await BillStore.BilledInYearAsync(connection, tx, council, year, accounts.Select(a => a.AccountId).ToList())).Count;
        if (billed > 0)
        {
            return new Outcome<Money>.Conflict($"Bills for {year} have been issued in {areaName.Trim()} ({billed:N0}); the setting for that year can no longer be changed here");
        }

        await ChargeSetting.SetAsync(connection, tx, council, areaCode.Trim(), areaName.Trim(), year,
            precepts.Select(p => p with { Preceptor = p.Preceptor.Trim() }).ToList());
        return Money.Sum(precepts.Select(p => p.BandD));
    }

    /// <summary>The council's charging areas with their Band D charge for a year (zero where none is set yet).</summary>
    public static async Task<IReadOnlyList<(string Code, string Name, Money BandD)>> AreasAsync(ReeveDatabase db, CouncilId council, FinancialYear year)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<(string Code, string Name, long Pence)>(
                "select a.area_code, a.name, coalesce((select sum(p.band_d_pence) from precept p where p.council_id = a.council_id and p.area_code = a.area_code and p.financial_year = @year), 0) " +
                "from charge_area a where a.council_id = @council order by a.name",
                new { council = council.Value, year = year.StartYear }))
            .Select(r => (r.Code, r.Name, Money.FromPence(r.Pence)))
            .ToList();
    }
}
