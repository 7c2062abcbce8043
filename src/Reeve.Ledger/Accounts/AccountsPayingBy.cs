using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Ledger;

/// <summary>The council's open accounts that pay one way (Direct Debit, say), in account order.</summary>
public static class AccountsPayingBy
{
    public sealed record OpenAccount(long AccountId, string Reference, LocalDate OpenedOn);

    public static async Task<IReadOnlyList<OpenAccount>> OpenAsync(DbConnection connection, CouncilId council, string paymentMethod, DbTransaction? tx = null) =>
        (await connection.QueryAsync<(long AccountId, string Reference, LocalDate OpenedOn)>(
            "select account_id, reference, opened_on from account where council_id = @council and payment_method = @paymentMethod and closed_on is null order by account_id",
            new { council = council.Value, paymentMethod }, tx))
        .Select(a => new OpenAccount(a.AccountId, a.Reference, a.OpenedOn))
        .ToList();
}
