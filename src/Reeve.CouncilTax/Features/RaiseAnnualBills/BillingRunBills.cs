using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;

namespace Reeve.CouncilTax;

/// <summary>
/// A billing run and the bills it issued, for printing their demand notices: Council Tax owns billing runs and
/// bills, so the print run (in Letters) is handed this rather than reading them.
/// </summary>
public static class BillingRunBills
{
    /// <summary>The run with the bills it issued for its year, in account order, or null when there is no such run.</summary>
    public static async Task<BillingRunToPrint?> ForPrintAsync(DbConnection connection, CouncilId council, long runId, DbTransaction? tx = null)
    {
        var args = new { council = council.Value, runId };
        var run = await connection.QuerySingleOrDefaultAsync<(int Year, LocalDate IssuedOn, string Status)?>(
            "select financial_year, issued_on, status from billing_run where council_id = @council and run_id = @runId", args, tx);
        if (run is not { } found)
        {
            return null;
        }

        var bills = (await connection.QueryAsync<(long AccountId, int Version, LocalDate IssuedOn)>(
                "select account_id, version, issued_on from bill where council_id = @council and run_id = @runId and financial_year = @year order by account_id",
                new { council = council.Value, runId, year = found.Year }, tx))
            .Select(b => new BillToPrint(b.AccountId, b.Version, b.IssuedOn)).ToList();
        return new BillingRunToPrint(runId, new FinancialYear(found.Year), found.IssuedOn, found.Status, bills);
    }
}
