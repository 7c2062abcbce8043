using System.Data.Common;
using Dapper;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>
/// How an account's instalments are laid out, as the liable person chose: the day of the month they fall due and
/// the number asked for (12 under CTAE Regs 1992 reg 21(1A)), or null for the scheme's usual number. The columns
/// are on the account, so the Ledger reads and writes them; the debt stream decides what they mean.
/// </summary>
public static class AccountInstalmentTerms
{
    public sealed record Terms(AccountKind Kind, int Day, int? Requested);

    public static async Task<IReadOnlyDictionary<long, Terms>> ForAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null)
    {
        if (accountIds.Count == 0)
        {
            return new Dictionary<long, Terms>();
        }

        var rows = await connection.QueryAsync<(long AccountId, string Kind, int Day, int? Requested)>(
            "select account_id, kind, instalment_day, instalments_requested from account " +
            $"where council_id = @council and account_id {SqlDialect.Of(connection).AnyOf("ids")}",
            new { council = council.Value, ids = accountIds.ToArray() }, tx);
        return rows.ToDictionary(r => r.AccountId, r => new Terms(AccountKinds.FromCode(r.Kind), r.Day, r.Requested));
    }

    public static async Task<Terms?> OfAsync(DbConnection connection, CouncilId council, long accountId, DbTransaction? tx = null) =>
        (await ForAsync(connection, council, [accountId], tx)).GetValueOrDefault(accountId);

    public static Task SetDayAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId, int day) =>
        connection.ExecuteAsync(
            "update account set instalment_day = @day, version = version + 1 where council_id = @council and account_id = @accountId",
            new { council = council.Value, accountId, day }, tx);

    public static Task SetRequestedAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId, int? requested) =>
        connection.ExecuteAsync(
            "update account set instalments_requested = @requested, version = version + 1 where council_id = @council and account_id = @accountId",
            new { council = council.Value, accountId, requested }, tx);
}
