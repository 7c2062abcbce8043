using System.Data.Common;
using Npgsql;

namespace Reeve.Persistence;

/// <summary>
/// What differs between the two engines Reeve runs on, in one place: modules ask the dialect of their connection
/// instead of testing its type. Values need no help: LocalDate, Instant and Money parameters and row properties
/// go through the type handlers <see cref="DapperSetup"/> registers, on either engine.
/// <para>
/// What is the same on both needs no method here: <c>insert ... on conflict (...) do update/nothing</c> (upsert)
/// and <c>returning</c> are written once in plain SQL (SQLite has both since 3.35).
/// </para>
/// </summary>
public abstract class SqlDialect
{
    private protected SqlDialect()
    {
    }

    public static SqlDialect Postgres { get; } = new PostgresDialect();

    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect Of(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;

    public static SqlDialect Of(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>"Is one of the values in list parameter @<paramref name="parameter"/>" (see <see cref="SqlLists.AnyOf"/>).</summary>
    public abstract string AnyOf(string parameter);

    /// <summary>
    /// The tail of a select that claims rows for one worker: <c>for update skip locked</c> on PostgreSQL; nothing on
    /// SQLite, where the writing transaction already holds the whole database.
    /// </summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>A date expression <paramref name="days"/> (an integer expression) after <paramref name="date"/>, still a date column's type.</summary>
    public abstract string AddDays(string date, string days);

    /// <summary>
    /// Lets this connection keep about <paramref name="mebibytes"/> MiB of pages in memory for a read that touches
    /// every page of large tables: SQLite's page cache for the connection; nothing on PostgreSQL, whose buffers
    /// are the server's.
    /// </summary>
    public abstract Task WidenPageCacheAsync(DbConnection connection, DbTransaction? tx, int mebibytes);

    /// <summary>
    /// Writes every row inside the caller's transaction: binary COPY on PostgreSQL, one prepared insert re-executed
    /// per row on SQLite. A duplicate key fails the whole write (use <see cref="InsertNewAsync{T}"/> to skip them).
    /// </summary>
    public abstract Task WriteAllAsync<T>(DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows, CancellationToken ct = default);

    /// <summary>
    /// Inserts rows one prepared statement at a time, skipping any that clash on <paramref name="conflictColumns"/>
    /// (or none when null), and returns those written.
    /// </summary>
    public Task<IReadOnlyList<T>> InsertNewAsync<T>(
        DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows, string? conflictColumns, CancellationToken ct = default) =>
        BulkTable<T>.InsertEachAsync(connection, tx, table, shape, rows, conflictColumns, Provider == DatabaseProvider.Postgres, ct);

    /// <summary>
    /// Writes rows that are almost always new: large batches on PostgreSQL are copied in one go under a savepoint,
    /// and only when unique constraint <paramref name="uniqueConstraint"/> refuses one (a key seen before) does the
    /// batch go row by row, skipping duplicates on <paramref name="conflictColumns"/>. Returns the rows written.
    /// </summary>
    public abstract Task<IReadOnlyList<T>> WriteNewAsync<T>(
        DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows,
        string conflictColumns, string uniqueConstraint, int copyFrom, CancellationToken ct = default);

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string AnyOf(string parameter) => $"in @{parameter}";

        public override string ForUpdateSkipLocked => "";

        public override string AddDays(string date, string days) => $"date({date}, ({days}) || ' days')";

        public override async Task WidenPageCacheAsync(DbConnection connection, DbTransaction? tx, int mebibytes)
        {
            // A negative cache_size is in KiB rather than pages.
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = DapperSetup.Invariant($"pragma cache_size = -{mebibytes * 1024}");
            await command.ExecuteNonQueryAsync();
        }

        public override async Task WriteAllAsync<T>(DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows, CancellationToken ct = default) =>
            await BulkTable<T>.InsertEachAsync(connection, tx, table, shape, rows, null, postgres: false, ct);

        public override Task<IReadOnlyList<T>> WriteNewAsync<T>(
            DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows,
            string conflictColumns, string uniqueConstraint, int copyFrom, CancellationToken ct = default) =>
            BulkTable<T>.InsertEachAsync(connection, tx, table, shape, rows, conflictColumns, postgres: false, ct);
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override string AnyOf(string parameter) => $"= any(@{parameter})";

        public override string ForUpdateSkipLocked => " for update skip locked";

        public override string AddDays(string date, string days) => $"({date} + ({days})::integer)";

        public override Task WidenPageCacheAsync(DbConnection connection, DbTransaction? tx, int mebibytes) => Task.CompletedTask;

        public override Task WriteAllAsync<T>(DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows, CancellationToken ct = default) =>
            rows.Count == 0 ? Task.CompletedTask : BulkTable<T>.CopyAsync((NpgsqlConnection)connection, table, shape, rows, ct);

        public override async Task<IReadOnlyList<T>> WriteNewAsync<T>(
            DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows,
            string conflictColumns, string uniqueConstraint, int copyFrom, CancellationToken ct = default)
        {
            if (rows.Count < copyFrom)
            {
                return await BulkTable<T>.InsertEachAsync(connection, tx, table, shape, rows, conflictColumns, postgres: true, ct);
            }

            // Either way the caller's transaction holds all or nothing.
            const string savepoint = "reeve_copy";
            await tx.SaveAsync(savepoint, ct);
            try
            {
                await BulkTable<T>.CopyAsync((NpgsqlConnection)connection, table, shape, rows, ct);
                await tx.ReleaseAsync(savepoint, ct);
                return rows;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == uniqueConstraint)
            {
                await tx.RollbackAsync(savepoint, ct);
                return await BulkTable<T>.InsertEachAsync(connection, tx, table, shape, rows, conflictColumns, postgres: true, ct);
            }
        }
    }
}
