using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Reeve.Persistence;

/// <summary>
/// Writes many rows into one table inside the caller's transaction: binary COPY on PostgreSQL, one prepared
/// insert re-executed per row on SQLite. Values are long, int, string, bool, DateOnly (a date), DateTime (UTC,
/// a timestamptz) or null; callers convert NodaTime values with <see cref="DapperSetup.ToDb(NodaTime.LocalDate, bool)"/>.
/// </summary>
public static class BulkWriter
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction tx, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (connection is NpgsqlConnection pg)
        {
            await CopyAsync(pg, table, columns, rows, ct);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"insert into {table} ({string.Join(", ", columns)}) values ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1 : 0,
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    var v => v,
                };
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        await importer.WriteNullAsync(ct);
                        break;
                    case long l:
                        await importer.WriteAsync(l, NpgsqlDbType.Bigint, ct);
                        break;
                    case int n:
                        await importer.WriteAsync(n, NpgsqlDbType.Integer, ct);
                        break;
                    case string s:
                        await importer.WriteAsync(s, NpgsqlDbType.Text, ct);
                        break;
                    case bool b:
                        await importer.WriteAsync(b, NpgsqlDbType.Boolean, ct);
                        break;
                    case DateOnly d:
                        await importer.WriteAsync(d, NpgsqlDbType.Date, ct);
                        break;
                    case DateTime t:
                        await importer.WriteAsync(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct);
                        break;
                    default:
                        throw new ArgumentException($"Cannot bulk-write a {value.GetType().Name} into {table}");
                }
            }
        }

        await importer.CompleteAsync(ct);
    }
}
