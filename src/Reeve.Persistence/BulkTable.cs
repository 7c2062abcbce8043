using System.Data;
using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using NpgsqlTypes;
using Reeve.Kernel;

namespace Reeve.Persistence;

/// <summary>
/// The columns of a table as read from one row object, typed: what <see cref="SqlDialect.WriteAllAsync{T}"/> and
/// <see cref="SqlDialect.WriteNewAsync{T}"/> write. Build it once (a static field) by naming each column and how to
/// read it from a row, in the table's column order of your choosing:
/// <code>new BulkTable&lt;Entry&gt;().Int4("council_id", e =&gt; e.Council.Value).Date("effective_date", e =&gt; e.EffectiveDate)</code>
/// On PostgreSQL each value is written into binary COPY with its own type, unboxed; on SQLite it becomes a
/// parameter of one prepared insert, dates and instants as the ISO text the type handlers also write.
/// </summary>
public sealed class BulkTable<T>
{
    private readonly List<Column> _columns = [];

    public IReadOnlyList<string> Names => _columns.Select(c => c.Name).ToList();

    /// <summary>The column names joined for a column list: "a, b, c".</summary>
    public string ColumnList => string.Join(", ", _columns.Select(c => c.Name));

#pragma warning disable CA1720 // named after the PostgreSQL column types int4 and int8
    /// <summary>A smallint column: small codes (a ledger entry's kind and books, a financial year).</summary>
    public BulkTable<T> Int2(string name, Func<T, short> value) => Add(new Column(name, DbType.Int16, NpgsqlDbType.Smallint,
        (w, r) => w.Write(value(r), NpgsqlDbType.Smallint), r => value(r), r => value(r)));

    public BulkTable<T> Int4(string name, Func<T, int> value) => Add(new Column(name, DbType.Int32, NpgsqlDbType.Integer,
        (w, r) => w.Write(value(r), NpgsqlDbType.Integer), r => value(r), r => value(r)));

    public BulkTable<T> Int4(string name, Func<T, int?> value) => Add(new Column(name, DbType.Int32, NpgsqlDbType.Integer,
        (w, r) =>
        {
            if (value(r) is { } v)
            {
                w.Write(v, NpgsqlDbType.Integer);
            }
            else
            {
                w.WriteNull();
            }
        },
        r => value(r) is { } v ? v : DBNull.Value, r => value(r) is { } v ? v : DBNull.Value));

    public BulkTable<T> Int8(string name, Func<T, long> value) => Add(new Column(name, DbType.Int64, NpgsqlDbType.Bigint,
        (w, r) => w.Write(value(r), NpgsqlDbType.Bigint), r => value(r), r => value(r)));

    public BulkTable<T> Int8(string name, Func<T, long?> value) => Add(new Column(name, DbType.Int64, NpgsqlDbType.Bigint,
        (w, r) =>
        {
            if (value(r) is { } v)
            {
                w.Write(v, NpgsqlDbType.Bigint);
            }
            else
            {
                w.WriteNull();
            }
        },
        r => value(r) is { } v ? v : DBNull.Value, r => value(r) is { } v ? v : DBNull.Value));

#pragma warning restore CA1720

    public BulkTable<T> Money(string name, Func<T, Money> value) => Int8(name, r => value(r).Pence);

    public BulkTable<T> Bool(string name, Func<T, bool> value) => Add(new Column(name, DbType.Int32, NpgsqlDbType.Boolean,
        (w, r) => w.Write(value(r), NpgsqlDbType.Boolean), r => value(r) ? 1 : 0, r => value(r)));

    public BulkTable<T> Text(string name, Func<T, string?> value) => Add(new Column(name, DbType.String, NpgsqlDbType.Text,
        (w, r) =>
        {
            if (value(r) is { } v)
            {
                w.Write(v, NpgsqlDbType.Text);
            }
            else
            {
                w.WriteNull();
            }
        },
        r => value(r) ?? (object)DBNull.Value, r => value(r) ?? (object)DBNull.Value));

    public BulkTable<T> Date(string name, Func<T, LocalDate> value) => Add(new Column(name, DbType.String, NpgsqlDbType.Date,
        (w, r) => w.Write(value(r).ToDateOnly(), NpgsqlDbType.Date),
        r => LocalDatePattern.Iso.Format(value(r)), r => value(r).ToDateOnly()));

    public BulkTable<T> Date(string name, Func<T, LocalDate?> value) => Add(new Column(name, DbType.String, NpgsqlDbType.Date,
        (w, r) =>
        {
            if (value(r) is { } v)
            {
                w.Write(v.ToDateOnly(), NpgsqlDbType.Date);
            }
            else
            {
                w.WriteNull();
            }
        },
        r => value(r) is { } v ? LocalDatePattern.Iso.Format(v) : DBNull.Value, r => value(r) is { } v ? v.ToDateOnly() : DBNull.Value));

    public BulkTable<T> Instant(string name, Func<T, Instant> value) => Add(new Column(name, DbType.String, NpgsqlDbType.TimestampTz,
        (w, r) => w.Write(value(r).ToDateTimeUtc(), NpgsqlDbType.TimestampTz),
        r => InstantPattern.ExtendedIso.Format(value(r)), r => value(r).ToDateTimeUtc()));

    private BulkTable<T> Add(Column column)
    {
        _columns.Add(column);
        return this;
    }

    // Rows are written with the importer's synchronous calls: awaiting every field costs more than the COPY
    // itself (reeve bench annual-billing), and the importer only blocks when its buffer goes to the server.
    internal static async Task CopyAsync(NpgsqlConnection connection, string table, BulkTable<T> shape, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var columns = shape._columns;
        await using var importer = await connection.BeginBinaryImportAsync($"copy {table} ({shape.ColumnList}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            importer.StartRow();
            foreach (var column in columns)
            {
                column.Copy(importer, row);
            }
        }

        await importer.CompleteAsync(ct);
    }

    internal static async Task<IReadOnlyList<T>> InsertEachAsync(
        DbConnection connection, DbTransaction tx, string table, BulkTable<T> shape, IReadOnlyList<T> rows, string? conflictColumns, bool postgres, CancellationToken ct)
    {
        var written = new List<T>(rows.Count);
        if (rows.Count == 0)
        {
            return written;
        }

        var columns = shape._columns;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"insert into {table} ({shape.ColumnList}) values ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})" +
            (conflictColumns is null ? "" : $" on conflict ({conflictColumns}) do nothing");
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            if (p is NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = columns[i].PostgresType;
            }
            else
            {
                p.DbType = columns[i].SqliteType;
            }

            command.Parameters.Add(p);
            parameters[i] = p;
        }

        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = postgres ? columns[i].PostgresValue(row) : columns[i].SqliteValue(row);
            }

            if (!prepared)
            {
                await command.PrepareAsync(ct);
                prepared = true;
            }

            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                written.Add(row);
            }
        }

        return written;
    }

    private sealed record Column(
        string Name, DbType SqliteType, NpgsqlDbType PostgresType,
        Action<NpgsqlBinaryImporter, T> Copy, Func<T, object> SqliteValue, Func<T, object> PostgresValue);
}
