using System.Data.Common;
using Dapper;
using Reeve.Kernel;
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
        var c = council.Value;
        var ids = new HashSet<long>();
        var typed = PayerReference.Read(item.ReferenceText) is ReferenceReading.NotFound nf ? nf.Candidates : [];
        ids.UnionWith((await PaymentAccounts.FindAsync(connection, null, council, typed.SelectMany(PayerReference.OneSlipAway))).Values);

        if (PayerReference.Postcode(item.ReferenceText) is { } postcode)
        {
            ids.UnionWith(await connection.QueryAsync<long>(
                "select a.account_id from account a join property p on p.council_id = a.council_id and p.uprn = a.uprn " +
                "where a.council_id = @c and replace(upper(p.postcode), ' ', '') = @postcode order by a.account_id limit @most",
                new { c, postcode = postcode.Replace(" ", "", StringComparison.Ordinal), most = PerRule }));
        }

        var words = SuspenseMatching.Words($"{item.PayerName} {item.ReferenceText}").Where(w => w.Length > 1).Distinct(StringComparer.Ordinal).ToArray();
        if (words.Length > 0)
        {
            ids.UnionWith(await connection.QueryAsync<long>(
                "select distinct ap.account_id from party_name pn join account_party ap on ap.council_id = pn.council_id and ap.party_id = pn.party_id " +
                $"where pn.council_id = @c and upper(pn.surname) {PaymentAccounts.AnyOf(connection)} order by ap.account_id limit @most",
                new { c, chunk = words, most = PerRule }));
        }

        var year = FinancialYear.Containing(item.PaidOn).StartYear;
        ids.UnionWith(await connection.QueryAsync<long>(
            "select distinct account_id from instalment i where council_id = @c and financial_year = @year and amount_pence = @amount " +
            "and version = (select max(version) from instalment v where v.council_id = i.council_id and v.account_id = i.account_id and v.financial_year = i.financial_year) " +
            "order by account_id limit @most",
            new { c, year, amount = item.Amount.Pence, most = PerRule }));

        var candidates = await CandidatesAsync(connection, council, ids.ToArray(), year);
        return SuspenseMatching.Suggest(new UnmatchedCredit(item.Amount, item.ReferenceText, item.PayerName), candidates).Take(most).ToList();
    }

    private static async Task<IReadOnlyList<CandidateAccount>> CandidatesAsync(DbConnection connection, CouncilId council, long[] ids, int year)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var c = council.Value;
        var any = PaymentAccounts.AnyOf(connection);
        var accounts = await connection.QueryAsync<(long Id, string Reference, string? Postcode)>(
            "select a.account_id, a.reference, p.postcode from account a left join property p on p.council_id = a.council_id and p.uprn = a.uprn " +
            $"where a.council_id = @c and a.account_id {any}", new { c, chunk = ids });
        var names = (await connection.QueryAsync<(long Id, string? Forenames, string? Surname, string Display)>(
                "select ap.account_id, pn.forenames, pn.surname, pn.display_name from account_party ap " +
                "join party_name pn on pn.council_id = ap.council_id and pn.party_id = ap.party_id " +
                $"where ap.council_id = @c and ap.account_id {any}", new { c, chunk = ids }))
            .ToLookup(n => n.Id, n => new LiableName(n.Forenames, n.Surname, n.Display));
        var instalments = (await connection.QueryAsync<(long Id, long Pence)>(
                "select account_id, amount_pence from instalment i " +
                $"where council_id = @c and financial_year = @year and account_id {any} " +
                "and version = (select max(version) from instalment v where v.council_id = i.council_id and v.account_id = i.account_id and v.financial_year = i.financial_year)",
                new { c, year, chunk = ids }))
            .ToLookup(i => i.Id, i => Money.FromPence(i.Pence));

        return accounts
            .Select(a => AccountReference.TryParse(a.Reference, out var r, out _)
                ? new CandidateAccount(a.Id, r, names[a.Id].ToList(), a.Postcode, instalments[a.Id].ToList())
                : null)
            .OfType<CandidateAccount>()
            .ToList();
    }
}
