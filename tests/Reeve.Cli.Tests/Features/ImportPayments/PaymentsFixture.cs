using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Cli.Tests.Features.ImportPayments;

/// <summary>A SQLite database with one council and one council tax account charged £1,200.00 for 2025/26, and payment files beside it.</summary>
public sealed class PaymentsFixture : IDisposable
{
    private static readonly CouncilId Council = new(1);
    private static readonly Instant Recorded = Instant.FromUtc(2025, 4, 1, 9, 0);
    private readonly TempFolder _folder = new();

    public string Db => _folder.File("reeve.db");

    public Account Account { get; private set; } = null!;

    public async Task SetUpAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await MigrationRunner.MigrateAsync(db);
        await Seed.CouncilAsync(db, Council, "test", Recorded);
        Account = await Accounts.OpenAsync(db, Council, Recorded);
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await PostEntries.PostAsync(c, tx, [Entries.Charge(Account, Money.FromPence(120_000))], Recorded);
        await tx.CommitAsync();
    }

    /// <summary>A bank CSV in the paid-in-out layout (Date, Type, Description, Paid in, Paid out, Balance).</summary>
    public string BankCsv(params string[] lines)
    {
        var path = _folder.File($"statement-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\r\n", ["Date,Type,Description,Paid in,Paid out,Balance", .. lines]) + "\r\n");
        return path;
    }

    public string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Mistyped => Account.Reference.Value[..8] + (char)('0' + ((Account.Reference.Value[8] - '0' + 1) % 10));

    public async Task<long> CountAsync(string table)
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"select count(*) from {table}");
    }

    public async Task<Money> BalanceAsync()
    {
        using var db = ReeveDatabase.Sqlite(Db);
        await using var c = await db.OpenAsync();
        return await ReadBalance.BalanceAsync(c, Council, Account.AccountId);
    }

    public void Dispose() => _folder.Dispose();
}
