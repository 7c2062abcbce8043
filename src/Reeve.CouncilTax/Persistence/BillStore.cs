#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.CouncilTax;

/// <summary>A version of an account's bill for a year: what it charged, why, and its instalments.</summary>
public sealed record BillVersion(
    long AccountId,
    FinancialYear Year,
    int Version,
    LocalDate IssuedOn,
    Money Net,
    string Reason,
    string Working,
    long? ChargeEntryId,
    IReadOnlyList<Instalment> Instalments);

public static class BillStore
{
    public static async Task<BillVersion?> CurrentAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long accountId, FinancialYear year)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where council_id = @council and account_id = @accountId and financial_year = @year order by version desc limit 1",
            new { council = council.Value, accountId, year = year.StartYear }, tx);
        return row is null ? null : await WithInstalmentsAsync(connection, tx, council, row);
    }

    public static async Task<IReadOnlyList<BillVersion>> AllAsync(DbConnection connection, CouncilId council, long accountId)
    {
        var rows = await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and account_id = @accountId order by financial_year desc, version desc",
            new { council = council.Value, accountId });
        var bills = new List<BillVersion>();
        foreach (var row in rows)
        {
            bills.Add(await WithInstalmentsAsync(connection, null, council, row));
        }

        return bills;
    }

    /// <summary>Years in which any council tax account on the dwelling has a bill.</summary>
    public static async Task<IReadOnlyList<FinancialYear>> BilledYearsAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long uprn)
    {
        var accounts = (await PropertyAccounts.OnAsync(connection, council, AccountKind.CouncilTax, uprn, tx)).Select(a => a.AccountId).ToArray();
        if (accounts.Length == 0)
        {
            return [];
        }

        return (await connection.QueryAsync<int>(
                $"select distinct financial_year from bill where council_id = @council and account_id {SqlDialect.Of(connection).AnyOf("accounts")} order by 1",
                new { council = council.Value, accounts }, tx))
            .Select(y => new FinancialYear(y)).ToList();
    }

    /// <summary>Which of these accounts have a bill for the year (any version).</summary>
    public static async Task<IReadOnlyList<long>> BilledInYearAsync(
        DbConnection connection, DbTransaction? tx, CouncilId council, FinancialYear year, IReadOnlyCollection<long> accountIds)
    {
        var billed = new List<long>();
        var anyOf = SqlDialect.Of(connection).AnyOf("chunk");
        // Chunks keep SQLite's expanded list well under its parameter limit; PostgreSQL takes each chunk as one array.
        foreach (var chunk in accountIds.Chunk(5_000))
        {
            billed.AddRange(await connection.QueryAsync<long>(
                $"select distinct account_id from bill where council_id = @council and financial_year = @year and account_id {anyOf}",
                new { council = council.Value, year = year.StartYear, chunk }, tx));
        }

        return billed;
    }

    public static async Task InsertAsync(DbConnection connection, DbTransaction tx, CouncilId council, BillVersion bill, long? runId, Instant now)
    {
        await connection.ExecuteAsync(
            "insert into bill (council_id, account_id, financial_year, version, issued_on, net_pence, reason, working, charge_entry_id, run_id, created_at) " +
            "values (@council, @account, @year, @version, @issued, @net, @reason, @working, @entry, @runId, @now)",
            new
            {
                council = council.Value, account = bill.AccountId, year = bill.Year.StartYear, version = bill.Version,
                issued = bill.IssuedOn, net = bill.Net.Pence, reason = bill.Reason, working = bill.Working,
                entry = bill.ChargeEntryId, runId, now,
            },
            tx);
        var seq = 1;
        foreach (var i in bill.Instalments)
        {
            await connection.ExecuteAsync(
                "insert into instalment (council_id, account_id, financial_year, version, seq, due_on, amount_pence) values (@council, @account, @year, @version, @seq, @due, @amount)",
                new { council = council.Value, account = bill.AccountId, year = bill.Year.StartYear, version = bill.Version, seq, due = i.Due, amount = i.Amount.Pence },
                tx);
            seq++;
        }
    }

    /// <summary>
    /// Writes many first bill versions and their instalments in one bulk write per table (an opening load brings the
    /// incumbent's current plans): none of the account-years may have a bill already.
    /// </summary>
    public static async Task InsertManyAsync(DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<BillVersion> bills, Instant now, CancellationToken ct = default)
    {
        var dialect = SqlDialect.Of(connection);
        await dialect.WriteAllAsync(connection, tx, "bill", BillShape, bills.Select(b => (council, b, now)).ToList(), ct);
        var instalments = bills.SelectMany(b => b.Instalments.Select((i, n) => (council, b, n + 1, i))).ToList();
        await dialect.WriteAllAsync(connection, tx, "instalment", InstalmentShape, instalments, ct);
    }

    private static readonly BulkTable<(CouncilId Council, BillVersion Bill, Instant Now)> BillShape = new BulkTable<(CouncilId Council, BillVersion Bill, Instant Now)>()
        .Int4("council_id", r => r.Council.Value)
        .Int8("account_id", r => r.Bill.AccountId)
        .Int4("financial_year", r => r.Bill.Year.StartYear)
        .Int4("version", r => r.Bill.Version)
        .Date("issued_on", r => r.Bill.IssuedOn)
        .Money("net_pence", r => r.Bill.Net)
        .Text("reason", r => r.Bill.Reason)
        .Text("working", r => r.Bill.Working)
        .Int8("charge_entry_id", r => r.Bill.ChargeEntryId)
        .Instant("created_at", r => r.Now);

    private static readonly BulkTable<(CouncilId Council, BillVersion Bill, int Seq, Instalment Instalment)> InstalmentShape =
        new BulkTable<(CouncilId Council, BillVersion Bill, int Seq, Instalment Instalment)>()
            .Int4("council_id", r => r.Council.Value)
            .Int8("account_id", r => r.Bill.AccountId)
            .Int4("financial_year", r => r.Bill.Year.StartYear)
            .Int4("version", r => r.Bill.Version)
            .Int4("seq", r => r.Seq)
            .Date("due_on", r => r.Instalment.Due)
            .Money("amount_pence", r => r.Instalment.Amount);

    private static async Task<BillVersion> WithInstalmentsAsync(DbConnection connection, DbTransaction? tx, CouncilId council, Row row)
    {
        var instalments = await connection.QueryAsync<(LocalDate Due, long Amount)>(
            "select due_on, amount_pence from instalment where council_id = @council and account_id = @account and financial_year = @year and version = @version order by seq",
            new { council = council.Value, account = row.account_id, year = row.financial_year, version = row.version }, tx);
        return new BillVersion(row.account_id, new FinancialYear(row.financial_year), row.version, row.issued_on,
            Money.FromPence(row.net_pence), row.reason, row.working, row.charge_entry_id,
            instalments.Select(i => new Instalment(i.Due, Money.FromPence(i.Amount))).ToList());
    }

    private sealed class Row
    {
        public const string Select =
            "select account_id, financial_year, version, issued_on, net_pence, reason, working, charge_entry_id from bill";

        public long account_id { get; set; }
        public int financial_year { get; set; }
        public int version { get; set; }
        public LocalDate issued_on { get; set; }
        public long net_pence { get; set; }
        public string reason { get; set; } = "";
        public string working { get; set; } = "";
        public long? charge_entry_id { get; set; }
    }
}
