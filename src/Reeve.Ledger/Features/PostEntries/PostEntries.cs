using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

public sealed record PostResult(IReadOnlyList<PostedEntry> Posted, int AlreadyPosted);

/// <summary>
/// Posts entries to the ledger inside the caller's transaction. An entry whose idempotency key has been
/// posted before is skipped, so a retried file line or a resumed batch run posts nothing twice.
/// Large batches go through binary COPY on PostgreSQL and one prepared statement on SQLite.
/// </summary>
public static class PostEntries
{
    public const int BulkThreshold = 200;

    public static async Task<Outcome<PostResult>> PostAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<NewEntry> entries, Instant now, CancellationToken ct = default)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (EntryValidation.Problem(entries[i]) is { } problem)
            {
                var field = problem.Split(':')[0];
                return new Outcome<PostResult>.Invalid($"entries[{i}].{field}", problem[(field.Length + 2)..]);
            }
        }

        if (entries.Count == 0)
        {
            return new PostResult([], 0);
        }

        if (await CostsInMoratoriumAsync(connection, tx, entries) is { } refused)
        {
            return new Outcome<PostResult>.Conflict(refused);
        }

        var rows = new List<PostedEntry>(entries.Count);
        foreach (var group in entries.GroupBy(e => e.Council))
        {
            var list = group.ToList();
            var first = await IdAllocator.ReserveAsync(connection, tx, group.Key, "ledger_entry", list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                var e = list[i];
                var (debit, credit) = EntryRules.BooksFor(e.Kind);
                rows.Add(new PostedEntry(e.Council, first + i, e.AccountId, e.Kind, debit, credit, e.Amount, e.Year,
                    e.EffectiveDate, now, e.PostedBy, e.Reason, e.SourceRule, null, e.IdempotencyKey));
            }
        }

        var posted = await WriteAsync(connection, tx, rows, ct);
        return new PostResult(posted, rows.Count - posted.Count);
    }

    // SI 2020/1311 reg 7: no fee or charge may be added to a debt in a Breathing Space. The modules that post costs
    // check first and log what they leave out; this is the ledger's own refusal of any costs that reach it anyway.
    private static async Task<string?> CostsInMoratoriumAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<NewEntry> entries)
    {
        foreach (var group in entries.Where(e => e.Kind == EntryKind.Costs).GroupBy(e => (e.Council, e.EffectiveDate)))
        {
            var held = await Moratoriums.InForceAsync(connection, tx, group.Key.Council, group.Select(e => e.AccountId).ToList(), group.Key.EffectiveDate);
            if (group.FirstOrDefault(e => held.ContainsKey(e.AccountId)) is { } entry)
            {
                return Moratoriums.RefusalMessage(held[entry.AccountId], $"costs of {entry.Amount.ToDisplayString()} on account {entry.AccountId}");
            }
        }

        return null;
    }

    /// <summary>Writes complete rows; returns those actually written (duplicates by idempotency key are not).</summary>
    internal static async Task<IReadOnlyList<PostedEntry>> WriteAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<PostedEntry> rows, CancellationToken ct)
    {
        if (connection is NpgsqlConnection pg && rows.Count >= BulkThreshold)
        {
            return await CopyOptimisticallyAsync(pg, (NpgsqlTransaction)tx, rows, ct);
        }

        return await InsertOneByOneAsync(connection, tx, rows, ct);
    }

    // Most bulk batches are new; COPY them in one go, and only if a key has been seen before fall back to
    // the row-by-row path that skips duplicates. Either way the caller's transaction holds all or nothing.
    private static async Task<IReadOnlyList<PostedEntry>> CopyOptimisticallyAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<PostedEntry> rows, CancellationToken ct)
    {
        await tx.SaveAsync("ledger_copy", ct);
        try
        {
            await CopyAsync(connection, "ledger_entry", rows, ct);
            await tx.ReleaseAsync("ledger_copy", ct);
            return rows;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "ledger_entry_idempotency")
        {
            await tx.RollbackAsync("ledger_copy", ct);
            return await InsertOneByOneAsync(connection, tx, rows, ct);
        }
    }

    /// <summary>Binary COPY of complete ledger rows into a table shaped like ledger_entry.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<PostedEntry> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy {table} ({Columns}) from stdin (format binary)", ct);
        foreach (var r in rows)
        {
            importer.StartRow();
            importer.Write(r.Council.Value, NpgsqlDbType.Integer);
            importer.Write(r.EntryId, NpgsqlDbType.Bigint);
            importer.Write(r.AccountId, NpgsqlDbType.Bigint);
            importer.Write(r.Kind.Code(), NpgsqlDbType.Text);
            importer.Write(r.Debit.Code(), NpgsqlDbType.Text);
            importer.Write(r.Credit.Code(), NpgsqlDbType.Text);
            importer.Write(r.Amount.Pence, NpgsqlDbType.Bigint);
            importer.Write(r.Year.StartYear, NpgsqlDbType.Integer);
            importer.Write(r.EffectiveDate.ToDateOnly(), NpgsqlDbType.Date);
            importer.Write(r.PostedAt.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
            importer.Write(r.PostedBy, NpgsqlDbType.Text);
            importer.Write(r.Reason, NpgsqlDbType.Text);
            importer.Write(r.SourceRule, NpgsqlDbType.Text);
            if (r.ReversesEntryId is { } reverses)
            {
                importer.Write(reverses, NpgsqlDbType.Bigint);
            }
            else
            {
                importer.WriteNull();
            }

            if (r.IdempotencyKey is { } key)
            {
                importer.Write(key, NpgsqlDbType.Text);
            }
            else
            {
                importer.WriteNull();
            }
        }

        await importer.CompleteAsync(ct);
    }

    internal const string Columns =
        "council_id, entry_id, account_id, kind, debit_book, credit_book, amount_pence, financial_year, effective_date, posted_at, posted_by, reason, source_rule, reverses_entry_id, idempotency_key";

    /// <summary>One prepared insert, re-executed per row; used for small batches and on SQLite.</summary>
    public static async Task<IReadOnlyList<PostedEntry>> InsertOneByOneAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<PostedEntry> rows, CancellationToken ct, string table = "ledger_entry")
    {
        var postgres = connection is NpgsqlConnection;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            $"insert into {table} ({Columns}) values (@c, @id, @acct, @kind, @dr, @cr, @amt, @fy, @eff, @at, @by, @why, @src, @rev, @key) " +
            (table == "ledger_entry" ? "on conflict (council_id, idempotency_key) do nothing" : "");
        var p = new DbParameter[15];
        string[] names = ["c", "id", "acct", "kind", "dr", "cr", "amt", "fy", "eff", "at", "by", "why", "src", "rev", "key"];
        System.Data.DbType[] types =
        [
            System.Data.DbType.Int32, System.Data.DbType.Int64, System.Data.DbType.Int64, System.Data.DbType.String,
            System.Data.DbType.String, System.Data.DbType.String, System.Data.DbType.Int64, System.Data.DbType.Int32,
            postgres ? System.Data.DbType.Date : System.Data.DbType.String, System.Data.DbType.String,
            System.Data.DbType.String, System.Data.DbType.String, System.Data.DbType.String, System.Data.DbType.Int64,
            System.Data.DbType.String,
        ];
        for (var i = 0; i < names.Length; i++)
        {
            p[i] = command.CreateParameter();
            p[i].ParameterName = names[i];
            p[i].DbType = types[i];
            command.Parameters.Add(p[i]);
        }

        if (p[9] is NpgsqlParameter postedAt)
        {
            postedAt.NpgsqlDbType = NpgsqlDbType.TimestampTz;
        }

        var written = new List<PostedEntry>(rows.Count);
        var prepared = false;
        foreach (var r in rows)
        {
            p[0].Value = r.Council.Value;
            p[1].Value = r.EntryId;
            p[2].Value = r.AccountId;
            p[3].Value = r.Kind.Code();
            p[4].Value = r.Debit.Code();
            p[5].Value = r.Credit.Code();
            p[6].Value = r.Amount.Pence;
            p[7].Value = r.Year.StartYear;
            p[8].Value = DapperSetup.ToDb(r.EffectiveDate, postgres);
            p[9].Value = DapperSetup.ToDb(r.PostedAt, postgres);
            p[10].Value = r.PostedBy;
            p[11].Value = r.Reason;
            p[12].Value = r.SourceRule;
            p[13].Value = r.ReversesEntryId is { } rev ? rev : DBNull.Value;
            p[14].Value = r.IdempotencyKey is { } key ? key : DBNull.Value;
            if (!prepared)
            {
                await command.PrepareAsync(ct);
                prepared = true;
            }

            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                written.Add(r);
            }
        }

        return written;
    }
}
