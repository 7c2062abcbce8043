using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Allocation;
using Reeve.Payments.Domain.Receipts;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>The reads a payment needs before it is posted: which accounts references name, and what each owes by year.</summary>
internal static class PaymentAccounts
{
    private const int Chunk = 500;

    /// <summary>The account id of each reference that is an account of this council.</summary>
    public static async Task<IReadOnlyDictionary<AccountReference, long>> FindAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IEnumerable<AccountReference> references)
    {
        var found = new Dictionary<AccountReference, long>();
        foreach (var chunk in references.Select(r => r.Value).Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            foreach (var (id, reference) in await connection.QueryAsync<(long, string)>(
                         $"select account_id, reference from account where council_id = @council and reference {AnyOf(connection)}",
                         new { council = council.Value, chunk }, tx))
            {
                if (AccountReference.TryParse(reference, out var r, out _))
                {
                    found[r] = id;
                }
            }
        }

        return found;
    }

    /// <summary>What each account owes in each financial year, summed from the ledger (charges up, payments and credits down).</summary>
    public static async Task<Dictionary<long, Dictionary<FinancialYear, Money>>> OutstandingByYearAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IEnumerable<long> accountIds)
    {
        var byAccount = new Dictionary<long, Dictionary<FinancialYear, Money>>();
        foreach (var chunk in accountIds.Distinct().Chunk(Chunk))
        {
            var rows = await connection.QueryAsync<(long AccountId, int Year, long Pence)>(
                "select account_id, financial_year, " +
                "sum(case when debit_book = 'debtors' then amount_pence when credit_book = 'debtors' then -amount_pence else 0 end) " +
                $"from ledger_entry where council_id = @council and account_id {AnyOf(connection)} group by account_id, financial_year",
                new { council = council.Value, chunk }, tx);
            foreach (var row in rows)
            {
                Years(byAccount, row.AccountId)[new FinancialYear(row.Year)] = Money.FromPence(row.Pence);
            }
        }

        return byAccount;
    }

    /// <summary>
    /// Splits a payment over the account's years and makes its entries, then counts them against what the
    /// account owes so that the next payment to it in the same file sees the balance this one left.
    /// </summary>
    public static IReadOnlyList<NewEntry> EntriesFor(
        CouncilId council, long accountId, Money amount, NodaTime.LocalDate paidOn, string referenceText,
        Dictionary<long, Dictionary<FinancialYear, Money>> outstanding, string officer, string reason, string sourceRule, string key)
    {
        var years = Years(outstanding, accountId);
        var shares = YearAllocation.Allocate(amount, years, PayerReference.NamedYear(referenceText), FinancialYear.Containing(paidOn));
        var entries = new List<NewEntry>(shares.Count);
        foreach (var share in shares)
        {
            years[share.Year] = years.GetValueOrDefault(share.Year) - share.Amount;
            entries.Add(new NewEntry(council, accountId, EntryKind.Payment, share.Amount, share.Year, paidOn, officer,
                shares.Count == 1 ? reason : $"{reason} ({share.Year} share of {amount.ToDisplayString()})",
                sourceRule, shares.Count == 1 ? key : $"{key}:{share.Year.StartYear}"));
        }

        return entries;
    }

    // Chunked to keep SQLite's expanded list well under its parameter limit.
    internal static string AnyOf(DbConnection connection) => SqlLists.AnyOf(connection, "chunk");

    private static Dictionary<FinancialYear, Money> Years(Dictionary<long, Dictionary<FinancialYear, Money>> byAccount, long accountId)
    {
        if (!byAccount.TryGetValue(accountId, out var years))
        {
            years = [];
            byAccount[accountId] = years;
        }

        return years;
    }
}
