#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Text;
using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments.Features.ReportSubsidyCounts;

/// <summary>
/// The counts the Housing Benefit subsidy claim asks of overpayments, for a financial year: the decisions in force (the newest of
/// each, revisions replacing what they revise) made in the year, by cause, with how many and how much, how much of it is
/// recoverable, how much has been recovered by the year's end, and how much has been written off (what reduced the debts other
/// than payments, read from the ledger as at the year's end).
/// </summary>
public static class ReportSubsidyCounts
{
    public sealed record CauseCounts(OverpaymentCause Cause, int Count, Money Amount, int RecoverableCount, Money Recoverable, Money Irrecoverable, Money Recovered, Money WrittenOff);

    public static async Task<IReadOnlyList<CauseCounts>> HandleAsync(DbConnection connection, CouncilId council, FinancialYear year, DbTransaction? tx = null)
    {
        var rows = (await connection.QueryAsync<Row>(
            "select o.cause, o.amount_pence, o.recoverable, o.account_id from hb_overpayment o " +
            "where o.council_id = @council and o.decided_on >= @from and o.decided_on <= @to " +
            "and not exists (select 1 from hb_overpayment r where r.council_id = o.council_id and r.revises = o.decision_reference and r.decided_on <= @to)",
            new { council = council.Value, from = year.FirstDay, to = year.LastDay }, tx)).ToList();
        var accounts = rows.Where(r => r.account_id is not null).Select(r => r.account_id!.Value).Distinct().ToList();
        var money = await AccountMoney.ForAccountsAsync(connection, council, accounts, tx, year.LastDay);

        // An account carries one decision in force, so its payments and balance are that decision's.
        return [.. OverpaymentCodes.Causes.Select(cause =>
        {
            var of = rows.Where(r => r.cause == cause.Code()).ToList();
            var recoverable = of.Where(r => r.recoverable == 1).ToList();
            var recovered = Money.Sum(recoverable.Select(r => money[r.account_id!.Value].PaidNet));
            var left = Money.Sum(recoverable.Select(r => money[r.account_id!.Value].Balance));
            var recoverableAmount = Money.Sum(recoverable.Select(r => Money.FromPence(r.amount_pence)));
            return new CauseCounts(cause, of.Count, Money.Sum(of.Select(r => Money.FromPence(r.amount_pence))), recoverable.Count, recoverableAmount,
                Money.Sum(of.Where(r => r.recoverable == 0).Select(r => Money.FromPence(r.amount_pence))), recovered, recoverableAmount - recovered - left);
        })];
    }

    public static string Csv(IReadOnlyList<CauseCounts> counts)
    {
        var csv = new StringBuilder("cause,count,amount,recoverable_count,recoverable,irrecoverable,recovered,written_off\n");
        foreach (var c in counts)
        {
            csv.Append(c.Cause.Code()).Append(',').Append(c.Count).Append(',').Append(c.Amount.ToPlainString()).Append(',').Append(c.RecoverableCount).Append(',')
                .Append(c.Recoverable.ToPlainString()).Append(',').Append(c.Irrecoverable.ToPlainString()).Append(',').Append(c.Recovered.ToPlainString()).Append(',')
                .Append(c.WrittenOff.ToPlainString()).Append('\n');
        }

        return csv.ToString();
    }

    private sealed class Row
    {
        public string cause { get; set; } = "";
        public long amount_pence { get; set; }
        public int recoverable { get; set; }
        public long? account_id { get; set; }
    }
}
