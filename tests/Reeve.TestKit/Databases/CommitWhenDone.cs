using System.Data.Common;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.TestKit;

/// <summary>
/// Runs a handler the way a page or command does: in a transaction of its own, committed only when the outcome is
/// done, so a refusal leaves nothing behind.
/// </summary>
public static class CommitWhenDone
{
    public static async Task<Outcome<T>> InTransactionAsync<T>(this ReeveDatabase db, Func<DbConnection, DbTransaction, Task<Outcome<T>>> handler)
    {
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var outcome = await handler(connection, tx);
        if (outcome is Outcome<T>.Done)
        {
            await tx.CommitAsync();
        }

        return outcome;
    }
}
