using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// Issues this year's and later bills on an account again with the same amount and re-profiled instalments,
/// when only the way of paying changes (12 instalments asked for, another due day): instalments already due, or
/// due within 14 days, stand; the rest is spread under the scheme for a notice issued today. The charge is the
/// same, so nothing is posted to the ledger; each new version keeps the charge entry of the one it replaces.
/// </summary>
internal static class BillReissue
{
    public static async Task<IReadOnlyList<BillVersion>> ReprofileAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, LocalDate today, int day, int? requested,
        string reason, string why, string source, string officer, Instant now)
    {
        var years = await connection.QueryAsync<int>(
            "select distinct financial_year from bill where council_id = @council and account_id = @accountId and financial_year >= @from order by 1",
            new { council = council.Value, accountId, from = FinancialYear.Containing(today).StartYear }, tx);
        var versions = new List<BillVersion>();
        foreach (var year in years.Select(y => new FinancialYear(y)))
        {
            var current = await BillStore.CurrentAsync(connection, tx, council, accountId, year);
            if (current is null || !current.Net.IsPositive)
            {
                continue;
            }

            var instalments = Reprofile.After(current.Instalments, current.Net, today, year, day, requested);
            if (instalments.SequenceEqual(current.Instalments))
            {
                continue;
            }

            var bill = current with { Version = current.Version + 1, IssuedOn = today, Reason = reason, Instalments = instalments };
            await BillStore.InsertAsync(connection, tx, council, bill, null, now);
            await AccountEvents.RecordAsync(connection, tx, council, accountId, now, today, "demand-notice",
                $"Bill for {year}, version {bill.Version}: {bill.Net.ToDisplayString()} in {instalments.Count} instalments, {why}",
                officer, source);
            versions.Add(bill);
        }

        return versions;
    }
}
