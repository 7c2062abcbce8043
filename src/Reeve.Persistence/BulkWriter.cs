using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Persistence;

/// <summary>
/// Writes many rows of loose values into one table inside the caller's transaction: binary COPY on PostgreSQL,
/// one prepared insert re-executed per row on SQLite. Values are long, int, short, string, bool, LocalDate (a date),
/// Instant (a timestamptz), Money (pence), DateOnly, DateTime (UTC) or null. A path that writes one shape of row
/// often is better served by <see cref="BulkTable{T}"/> through <see cref="SqlDialect.WriteAllAsync{T}"/>, which
/// neither boxes nor checks each value's type.
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
                    LocalDate d => LocalDatePattern.Iso.Format(d),
                    Instant t => InstantPattern.ExtendedIso.Format(t),
                    Money m => m.Pence,
                    var v => v,
                };
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // Rows are written with the importer's synchronous calls: awaiting every field costs more than the COPY
    // itself (reeve bench annual-billing), and the importer only blocks when its buffer goes to the server.
    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"copy {table} ({string.Join(", ", columns)}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            importer.StartRow();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case long l:
                        importer.Write(l, NpgsqlDbType.Bigint);
                        break;
                    case int n:
                        importer.Write(n, NpgsqlDbType.Integer);
                        break;
                    case short n:
                        importer.Write(n, NpgsqlDbType.Smallint);
                        break;
                    case string s:
                        importer.Write(s, NpgsqlDbType.Text);
                        break;
                    case bool b:
                        importer.Write(b, NpgsqlDbType.Boolean);
                        break;
                    case DateOnly d:
                        importer.Write(d, NpgsqlDbType.Date);
                        break;
                    case LocalDate d:
                        importer.Write(d.ToDateOnly(), NpgsqlDbType.Date);
                        break;
                    case Instant t:
                        importer.Write(t.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                        break;
                    case Money m:
                        importer.Write(m.Pence, NpgsqlDbType.Bigint);
                        break;
                    case DateTime t:
                        importer.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                        break;
                    default:
                        throw new ArgumentException($"Cannot bulk-write a {value.GetType().Name} into {table}");
                }
            }
        }

        await importer.CompleteAsync(ct);
    }
}
