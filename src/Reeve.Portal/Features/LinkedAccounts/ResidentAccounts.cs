using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Portal.Features.LinkedAccounts;

/// <summary>
/// The accounts a resident has proven: the only accounts the portal shows them. Every page that takes an account
/// reference finds it through <see cref="FindAsync"/>, which answers null for any account not linked to the resident
/// (the page then answers 404, the same as for an account that does not exist).
/// </summary>
public static class ResidentAccounts
{
    public static async Task LinkAsync(DbConnection connection, DbTransaction tx, ResidentUser user, long accountId, Instant now)
    {
        if (!await IsLinkedAsync(connection, tx, user, accountId))
        {
            await connection.ExecuteAsync(
                "insert into portal_link (council_id, user_id, account_id, linked_at) values (@council, @userId, @accountId, @now)",
                new { council = user.Council.Value, userId = user.UserId, accountId, now }, tx);
        }
    }

    /// <summary>The resident's accounts, in the order they were linked.</summary>
    public static async Task<IReadOnlyList<Account>> AllAsync(DbConnection connection, ResidentUser user)
    {
        var ids = (await connection.QueryAsync<long>(
            "select account_id from portal_link where council_id = @council and user_id = @userId order by linked_at, account_id",
            new { council = user.Council.Value, userId = user.UserId })).ToList();
        var accounts = await AccountStore.GetManyAsync(connection, user.Council, ids);
        return ids.Where(accounts.ContainsKey).Select(id => accounts[id]).ToList();
    }

    /// <summary>The account with this reference when the resident is linked to it; otherwise null, whether or not it exists.</summary>
    public static async Task<Account?> FindAsync(DbConnection connection, ResidentUser user, string? reference)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _)
            || await AccountStore.FindByReferenceAsync(connection, user.Council, parsed) is not { } account)
        {
            return null;
        }

        return await IsLinkedAsync(connection, null, user, account.AccountId) ? account : null;
    }

    private static async Task<bool> IsLinkedAsync(DbConnection connection, DbTransaction? tx, ResidentUser user, long accountId) =>
        await connection.ExecuteScalarAsync<long>(
            "select count(*) from portal_link where council_id = @council and user_id = @userId and account_id = @accountId",
            new { council = user.Council.Value, userId = user.UserId, accountId }, tx) > 0;
}
