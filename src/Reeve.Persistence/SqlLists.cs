using System.Data.Common;
using Dapper;
using Reeve.Kernel;

namespace Reeve.Persistence;

/// <summary>"Is one of these values" in SQL, for lists read in chunks.</summary>
public static class SqlLists
{
    /// <summary>
    /// <c>= any(@name)</c> on PostgreSQL: one array parameter, so the statement text and its cached plan are the same
    /// whatever the list's length, and the plan looks each value up by index. A list of separate parameters
    /// (<c>in (@k0, @k1, ...)</c>) gets a generic plan once the statement is prepared, which can be a scan that
    /// compares every row with every parameter: fine on an empty table, quadratic as the table grows during a run.
    /// On SQLite Dapper expands <c>in @name</c> into the list.
    /// </summary>
    public static string AnyOf(DbConnection connection, string parameter) =>
        SqlDialect.Of(connection).AnyOf(parameter);

    /// <summary>
    /// The values in chunks small enough for one statement on either engine (SQLite expands each value into its own
    /// parameter), without repeats, so that a read for many ids is a few statements rather than one per id.
    /// </summary>
    public static IEnumerable<T[]> Chunks<T>(IEnumerable<T> values, int size = 2_000) => values.Distinct().Chunk(size);

    /// <summary>
    /// Runs a read for many ids a chunk at a time and gathers the rows. <paramref name="sql"/> names the council as
    /// <c>@council</c> and writes <c>{ids}</c> where the "is one of the ids" test goes, e.g.
    /// <c>select ... from account where council_id = @council and account_id {ids}</c>.
    /// </summary>
    public static async Task<List<TRow>> QueryByIdsAsync<TRow, TId>(
        DbConnection connection, string sql, CouncilId council, IEnumerable<TId> ids, DbTransaction? tx = null)
    {
        var statement = sql.Replace("{ids}", AnyOf(connection, "ids"), StringComparison.Ordinal);
        var rows = new List<TRow>();
        foreach (var chunk in Chunks(ids))
        {
            rows.AddRange(await connection.QueryAsync<TRow>(statement, new { council = council.Value, ids = chunk }, tx));
        }

        return rows;
    }
}
