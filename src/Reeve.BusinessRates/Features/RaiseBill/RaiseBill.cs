using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.BusinessRates;

/// <summary>
/// Bills an occupation for a financial year: reads the occupation and the hereditament's rateable values once, works
/// the rates day by day (<see cref="RatesBill"/>), posts the charge to the Ledger under a key made from the account,
/// year and bill version (so a retry posts nothing twice), and lays the amount out in the statutory instalments
/// (<see cref="RatesInstalments"/>), which are the account's due schedule for recovery. A year already billed is
/// left as it is; re-billing a changed year (reversing and replacing) is not in this slice.
/// </summary>
public static class RaiseBill
{
    public sealed record Request(CouncilId Council, long AccountId, FinancialYear Year, LocalDate IssuedOn, string Officer);

    public sealed record Bill(long AccountId, FinancialYear Year, int Version, BillWorking Working, IReadOnlyList<Instalment> Instalments, bool AlreadyBilled);

    public static async Task<Outcome<Bill>> RaiseAsync(DbConnection connection, DbTransaction tx, Request request, RatesFigures figures, Instant now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = await ReadFactsAsync(connection, request.Council, request.AccountId, tx);
        if (facts is null)
        {
            return new Outcome<Bill>.NotFound($"rates occupation for account {request.AccountId}");
        }

        if (request.Year.FirstDay < figures.FirstDay)
        {
            return new Outcome<Bill>.Invalid("year", $"Reeve holds the rates figures from {FinancialYear.Containing(figures.FirstDay)}");
        }

        var working = RatesBill.Work(request.Year, facts, figures);
        var steps = working.Explanation.ToList();
        var instalments = RatesInstalments.Schedule(working.Net, request.IssuedOn, request.Year, steps);
        var billed = await connection.QuerySingleOrDefaultAsync<long?>(
            "select net_pence from rates_bill where council_id = @council and account_id = @account and financial_year = @year and version = 1",
            new { council = request.Council.Value, account = request.AccountId, year = request.Year.StartYear }, tx);
        if (billed is { } pence)
        {
            return pence == working.Net.Pence
                ? new Bill(request.AccountId, request.Year, 1, working, instalments, AlreadyBilled: true)
                : new Outcome<Bill>.Conflict($"Account {request.AccountId} was billed {Money.FromPence(pence).ToDisplayString()} for {request.Year} and the rates are now {working.Net.ToDisplayString()}: re-billing is not yet done for business rates");
        }

        if (working.Net.IsPositive)
        {
            var posted = await PostEntries.PostAsync(connection, tx, [
                new NewEntry(request.Council, request.AccountId, EntryKind.Charge, working.Net, request.Year, Later(facts.OccupiedFrom, request.Year.FirstDay),
                    request.Officer, $"Business rates {request.Year}", "LGFA 1988 s43", $"rates-bill:{request.AccountId}:{request.Year.StartYear}:v1"),
            ], now);
            if (posted is not Outcome<PostResult>.Done)
            {
                throw new InvalidOperationException($"The ledger refused the rates charge for account {request.AccountId}: {posted}");
            }
        }

        await connection.ExecuteAsync(
            "insert into rates_bill (council_id, account_id, financial_year, version, issued_on, net_pence, issued_at, issued_by) values (@council, @account, @year, 1, @issuedOn, @net, @now, @officer)",
            new { council = request.Council.Value, account = request.AccountId, year = request.Year.StartYear, issuedOn = request.IssuedOn, net = working.Net, now, officer = request.Officer }, tx);
        await connection.ExecuteAsync(
            "insert into rates_instalment (council_id, account_id, financial_year, version, seq, due_on, amount_pence) values (@council, @account, @year, 1, @seq, @due, @amount)",
            instalments.Select((i, n) => new { council = request.Council.Value, account = request.AccountId, year = request.Year.StartYear, seq = n + 1, due = i.Due, amount = i.Amount }), tx);
        return new Bill(request.AccountId, request.Year, 1, working, instalments, AlreadyBilled: false);
    }

    /// <summary>The occupation behind a rates account and its hereditament's rateable values; null when the account is not a rates occupation.</summary>
    public static async Task<OccupationFacts?> ReadFactsAsync(DbConnection connection, CouncilId council, long accountId, DbTransaction? tx = null)
    {
        var occupation = await connection.QuerySingleOrDefaultAsync<OccupationRow>(
            $"select {OccupationRow.Columns} from rates_occupation where council_id = @council and account_id = @accountId",
            new { council = council.Value, accountId }, tx);
        if (occupation is null)
        {
            return null;
        }

        var values = await HereditamentValues.OfAsync(connection, council, occupation.hereditament_id, tx);
        return occupation.Facts(values);
    }

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;
}
