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
    /// <summary>The account id of each reference (its <see cref="AccountReference.Value"/>) that is an account of this council.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> FindAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IEnumerable<AccountReference> references) =>
        (await AccountStore.ByReferencesAsync(connection, council, references.Select(r => r.Value).ToHashSet(StringComparer.Ordinal), tx))
        .ToDictionary(a => a.Key, a => a.Value.AccountId, StringComparer.Ordinal);

    /// <summary>What each account owes in each financial year (the Ledger's <see cref="AccountMoney"/>), to be counted down as payments are split.</summary>
    public static async Task<Dictionary<long, Dictionary<FinancialYear, Money>>> OutstandingByYearAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, IEnumerable<long> accountIds) =>
        (await AccountMoney.ForAccountsAsync(connection, council, accountIds.ToHashSet(), tx))
        .ToDictionary(a => a.Key, a => a.Value.ByYear.ToDictionary(y => y.Year, y => y.Balance));

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
