#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.CouncilTax;

/// <summary>
/// Council tax accounts on a dwelling, one per set of liable people: the same people liable again later
/// (after a spell away) use the same account; anyone else gets a new one.
/// </summary>
public static class CouncilTaxAccounts
{
    public sealed record AccountOnDwelling(long AccountId, IReadOnlyList<long> Parties, int InstalmentDay, int? InstalmentsRequested);

    public static async Task<IReadOnlyList<AccountOnDwelling>> OnDwellingAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long uprn)
    {
        var rows = await connection.QueryAsync<Row>(
            "select a.account_id, p.party_id, a.instalment_day, a.instalments_requested from account a " +
            "left join account_party p on p.council_id = a.council_id and p.account_id = a.account_id " +
            "where a.council_id = @council and a.uprn = @uprn and a.kind = 'council-tax' order by a.account_id, p.party_id",
            new { council = council.Value, uprn }, tx);
        return rows.GroupBy(r => r.account_id)
            .Select(g => new AccountOnDwelling(g.Key, g.Where(r => r.party_id is not null).Select(r => r.party_id!.Value).Distinct().Order().ToList(),
                g.First().instalment_day, g.First().instalments_requested))
            .ToList();
    }

    public static async Task<AccountOnDwelling> OpenAsync(DbConnection connection, DbTransaction tx, CouncilId council, long uprn, YearBill bill, string officer, Instant now)
    {
        var from = bill.Periods[0].Period.From;
        var account = await AccountStore.OpenAsync(connection, tx, council, AccountKind.CouncilTax, uprn, from, "cash", now);
        foreach (var party in bill.Liable.Parties)
        {
            await AccountStore.AddPartyAsync(connection, tx, council,
                new AccountParty(account.AccountId, party, bill.Liable.Parties.Count > 1 ? "joint" : "liable", from, null));
        }

        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, from, "opened",
            $"Account opened: {bill.Liable.How}", officer, bill.Liable.Source);
        return new AccountOnDwelling(account.AccountId, bill.Liable.Parties, 1, null);
    }

    private sealed class Row
    {
        public long account_id { get; set; }
        public long? party_id { get; set; }
        public int instalment_day { get; set; }
        public int? instalments_requested { get; set; }
    }
}
