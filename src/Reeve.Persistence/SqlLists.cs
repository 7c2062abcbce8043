using System.Data.Common;

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
}
