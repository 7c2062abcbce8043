using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Reeve.Persistence;

namespace Reeve.Bench;

/// <summary>
/// The annual billing baselines: the rows the run wrote, table by table, written again raw twice: into tables made
/// from the same DDL (columns, keys, checks, foreign keys and indexes) under another name, and into bare tables of the
/// same columns with only the primary key (the physical baseline: what the disk does with the same information). On
/// PostgreSQL each table is copied out to a temporary binary file (not timed) and the file copied in with a raw binary
/// COPY FROM (timed); on SQLite the rows are read into memory (not timed) and inserted with one prepared insert (timed).
/// </summary>
internal static class AnnualBillingBaseline
{
    public const string Suffix = "_baseline";

    public const string BareSuffix = "_bare";

    /// <summary>Every table annual billing writes, parents first.</summary>
    public static readonly string[] Tables = ["account", "account_party", "ledger_posting", "ledger_line", "bill", "instalment", "account_event"];

    public static async Task<IReadOnlyList<TableFigure>> RunAsync(ReeveDatabase db, IProgress<BenchProgress>? progress, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        foreach (var table in Tables)
        {
            await CreateTableAsync(db, connection, table);
            await CreateBareTableAsync(connection, table);
        }

        const string stage = "Baselines: raw writes of the same rows";
        var figures = new List<TableFigure>();
        progress?.Report(new BenchProgress(stage, 0, Tables.Length));
        foreach (var table in Tables)
        {
            figures.Add(connection is NpgsqlConnection pg ? await CopyAsync(pg, table, ct) : await InsertAsync(connection, table, ct));
            progress?.Report(new BenchProgress(stage, figures.Count, Tables.Length));
        }

        return figures;
    }

    /// <summary>
    /// Makes <c>table_baseline</c> from the very DDL the migrations use for <paramref name="table"/>: its create
    /// table, the columns later migrations add, and its indexes (renamed so they do not clash). Its foreign keys
    /// still name the real parent tables, which hold the same parents. Triggers are left out: the ledger's
    /// append-only trigger fires on update and delete, never on insert.
    /// </summary>
    internal static async Task CreateTableAsync(ReeveDatabase db, DbConnection connection, string table)
    {
        var ddl = string.Join('\n', MigrationRunner.For(db.Provider).Select(m => m.Sql));
        var name = Regex.Escape(table);
        var statements = Regex.Matches(ddl, $@"create table {name} \(.*?\n\);|create (unique )?index \w+ on {name} \([^)]*\);|alter table {name} [^;]*;", RegexOptions.Singleline)
            .Select(m => Regex.Replace(m.Value, $@"^(create table|alter table) {name} ", $"$1 {table}{Suffix} "))
            .Select(s => Regex.Replace(s, $@"^create (unique )?index (\w+) on {name} ", $"create $1index $2{Suffix} on {table}{Suffix} "))
            .ToList();
        if (statements.Count == 0 || !statements[0].StartsWith($"create table {table}{Suffix} ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Could not find the DDL for {table} in the migrations");
        }

        await connection.ExecuteAsync(string.Join('\n', statements));
    }

    private static async Task<TableFigure> CopyAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"reeve-bench-{table}-{Guid.NewGuid():N}.copy");
        try
        {
            await using (var output = File.Create(file))
            await using (var copyOut = await connection.BeginRawBinaryCopyAsync($"copy {table} to stdout (format binary)", ct))
            {
                await copyOut.CopyToAsync(output, ct);
            }

            var rows = await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
            var times = new TimeSpan[2];
            foreach (var (target, slot) in new[] { (table + BareSuffix, 1), (table + Suffix, 0) })
            {
                var started = Stopwatch.GetTimestamp();
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    await using (var input = File.OpenRead(file))
                    await using (var copyIn = await connection.BeginRawBinaryCopyAsync($"copy {target} from stdin (format binary)", ct))
                    {
                        await input.CopyToAsync(copyIn, ct);
                    }

                    await tx.CommitAsync(ct);
                }

                times[slot] = Stopwatch.GetElapsedTime(started);
            }

            return new TableFigure(table, rows, times[0], times[1]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<TableFigure> InsertAsync(DbConnection connection, string table, CancellationToken ct)
    {
        var rows = new List<object[]>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = $"select * from {table}";
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
        }

        var times = new TimeSpan[2];
        foreach (var (target, slot) in new[] { (table + BareSuffix, 1), (table + Suffix, 0) })
        {
            var started = Stopwatch.GetTimestamp();
            if (rows.Count > 0)
            {
                await InsertRowsAsync(connection, target, rows, ct);
            }

            times[slot] = Stopwatch.GetElapsedTime(started);
        }

        return new TableFigure(table, rows.Count, times[0], times[1]);
    }

    private static async Task InsertRowsAsync(DbConnection connection, string target, List<object[]> rows, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        var width = rows[0].Length;
        insert.CommandText = $"insert into {target} values ({string.Join(", ", Enumerable.Range(0, width).Select(i => $"@p{i}"))})";
        var parameters = Enumerable.Range(0, width).Select(i =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = $"p{i}";
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < width; i++)
            {
                parameters[i].Value = rows[r][i];
            }

            if (r == 0)
            {
                await insert.PrepareAsync(ct);
            }

            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Makes <c>table_bare</c>: the columns of <paramref name="table"/> in the same order, with only its primary key
    /// (no checks, foreign keys or other indexes): where the physical baseline writes the same rows.
    /// </summary>
    internal static async Task CreateBareTableAsync(DbConnection connection, string table)
    {
        if (connection is NpgsqlConnection)
        {
            var key = await connection.ExecuteScalarAsync<string>(
                "select string_agg(a.attname, ', ' order by k.ord) from pg_index i " +
                "cross join unnest(i.indkey) with ordinality k(attnum, ord) " +
                "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum " +
                "where i.indrelid = @table::regclass and i.indisprimary", new { table });
            await connection.ExecuteAsync($"create table {table}{BareSuffix} (like {table}); alter table {table}{BareSuffix} add primary key ({key})");
            return;
        }

        var columns = (await connection.QueryAsync<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"pragma table_info({table})")).ToList();
        var definitions = columns.OrderBy(c => c.Cid).Select(c => $"{c.Name} {c.Type}{(c.NotNull == 1 ? " not null" : "")}");
        var primaryKey = string.Join(", ", columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));
        await connection.ExecuteAsync($"create table {table}{BareSuffix} ({string.Join(", ", definitions)}, primary key ({primaryKey}))");
    }
}
