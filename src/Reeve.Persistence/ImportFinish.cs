using System.Data.Common;

namespace Reeve.Persistence;

/// <summary>
/// How an import's one transaction ends. <see cref="Commit"/>: committed. A preview (<see cref="Preview"/>) does all the
/// same work, reads what it would post, and rolls it back, so what an officer is shown before confirming is what the
/// real import makes of the same bytes. <paramref name="AlsoInTransaction"/> is what the caller must write with the
/// import, in the same transaction (an officer's audit row, clearing the upload that was confirmed); it runs only when
/// the import commits.
/// </summary>
public sealed record ImportFinish(bool IsPreview, Func<DbConnection, DbTransaction, Task>? AlsoInTransaction = null)
{
    public static ImportFinish Commit { get; } = new(false);

    public static ImportFinish Preview { get; } = new(true);

    /// <summary>
    /// Runs an import that works in its caller's transaction in one of its own: ended by this finish when
    /// <paramref name="imported"/> says the file was taken, otherwise rolled back (a refusal or a file seen before writes nothing).
    /// </summary>
    public async Task<T> RunAsync<T>(ReeveDatabase db, Func<DbConnection, DbTransaction, Task<T>> import, Func<T, bool> imported, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await import(connection, tx);
        if (imported(result))
        {
            await EndAsync(connection, tx, ct);
        }

        return result;
    }

    /// <summary>Rolls back a preview; otherwise writes what the caller asked for and commits.</summary>
    public async Task EndAsync(DbConnection connection, DbTransaction tx, CancellationToken ct = default)
    {
        if (IsPreview)
        {
            await tx.RollbackAsync(ct);
            return;
        }

        if (AlsoInTransaction is { } also)
        {
            await also(connection, tx);
        }

        await tx.CommitAsync(ct);
    }
}
