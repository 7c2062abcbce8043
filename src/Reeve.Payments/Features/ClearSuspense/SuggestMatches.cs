using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Properties;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Suspense;

namespace Reeve.Payments;

/// <summary>
/// Finds the accounts a suspense item may belong to and scores them (<see cref="SuspenseMatching"/>): accounts
/// one slip from the reference typed, at the postcode written, held by someone of the payer's surname, or
/// with an instalment of the amount paid due in that year. Reads only; the officer decides.
/// </summary>
public static class SuggestMatches
{
    private const int PerRule = 20;

    public static async Task<IReadOnlyList<SuggestedMatch>> SuggestAsync(DbConnection connection, CouncilId council, SuspenseItem item, int most = 10)
    {
        var ids = new HashSet<long>();
        var typed = PayerReference.Read(item.ReferenceText) is ReferenceReading.NotFound nf ? nf.Candidates : [];
        ids.UnionWith((await PaymentAccounts.FindAsync(connection, null, council, typed.SelectMany(PayerReference.OneSlipAway))).Values);

        if (PayerReference.Postcode(item.ReferenceText) is { } postcode)
        {
            var uprns = await PropertiesAtPostcode.UprnsAsync(connection, council, postcode, PerRule);
            ids.UnionWith((await AccountsAtProperties.IdsAsync(connection, council, uprns)).Take(PerRule));
        }

        var words = SuspenseMatching.Words($"{item.PayerName} {item.ReferenceText}").Where(w => w.Length > 1).Distinct(StringComparer.Ordinal).ToArray();
        if (words.Length > 0)
        {
            // More people than accounts: someone of that name may hold no account.
            var parties = await NamesOnRecord.PartiesWithSurnamesAsync(connection, council, words, PerRule * 5);
            ids.UnionWith((await AccountStore.OfPartiesAsync(connection, council, parties)).Select(l => l.AccountId).Distinct().Order().Take(PerRule));
        }

        var year = FinancialYear.Containing(item.PaidOn).StartYear;
        ids.UnionWith(await connection.QueryAsync<long>(
            "select distinct s.account_id from (" + DebtStreamSchedules.Union(d => d.DueScheduleSql) + ") s " +
            "where s.financial_year = @year and s.amount_pence = @amount order by s.account_id limit @most",
            new { council = council.Value, lo = 0L, hi = long.MaxValue, asAt = item.PaidOn, year, amount = item.Amount.Pence, most = PerRule }));

        var candidates = await CandidatesAsync(connection, council, ids.ToArray(), year, item.PaidOn);
        return SuspenseMatching.Suggest(new UnmatchedCredit(item.Amount, item.ReferenceText, item.PayerName), candidates).Take(most).ToList();
    }

    private static async Task<IReadOnlyList<CandidateAccount>> CandidatesAsync(DbConnection connection, CouncilId council, long[] ids, int year, LocalDate paidOn)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var accounts = await AccountStore.GetManyAsync(connection, council, ids);
        var properties = await PropertyStore.GetManyAsync(connection, council, accounts.Values.Select(a => a.Uprn).OfType<long>().ToHashSet());
        var liabilities = await AccountStore.PartiesOfAsync(connection, council, ids);
        var names = (await NamesOnRecord.OfPartiesAsync(connection, council, liabilities.Select(l => l.PartyId).ToHashSet())).ToLookup(n => n.PartyId);
        var namesOf = liabilities.ToLookup(l => l.AccountId, l => l.PartyId);

        // Instalments of the schedule in force on the day paid, for the accounts between the lowest and highest candidate.
        var instalments = (await connection.QueryAsync<(long Id, long Pence)>(
                "select s.account_id, s.amount_pence from (" + DebtStreamSchedules.Union(d => d.DueScheduleSql) + ") s " +
                $"where s.financial_year = @year and s.account_id {SqlLists.AnyOf(connection, "ids")}",
                new { council = council.Value, lo = ids.Min() - 1, hi = ids.Max(), asAt = paidOn, year, ids }))
            .ToLookup(i => i.Id, i => Money.FromPence(i.Pence));

        return ids.Order().Select(id => accounts.TryGetValue(id, out var account)
                ? new CandidateAccount(id, account.Reference,
                    namesOf[id].SelectMany(p => names[p]).Select(n => new LiableName(n.Forenames, n.Surname, n.DisplayName)).ToList(),
                    account.Uprn is { } uprn && properties.TryGetValue(uprn, out var property) ? property.Postcode : null,
                    instalments[id].ToList())
                : null)
            .OfType<CandidateAccount>()
            .ToList();
    }
}
