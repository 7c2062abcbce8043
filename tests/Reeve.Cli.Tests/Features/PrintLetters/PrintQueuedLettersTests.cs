using Dapper;
using NodaTime;
using Reeve.Cli.Tests.Features.RenderLetters;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Persistence;

namespace Reeve.Cli.Tests.Features.PrintLetters;

public sealed class PrintQueuedLettersTests(TinyDemo demo) : IClassFixture<TinyDemo>, IDisposable
{
    private static readonly LocalDate On = new(2026, 11, 23);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Queues a reminder for two of Wealdmoor's billed accounts and marks the second's address gone away.</summary>
    private static async Task<(string Printed, string Held)> QueueTwoRemindersAsync(string db)
    {
        using var database = ReeveDatabase.Sqlite(db);
        await using var connection = await database.OpenAsync();
        var accounts = (await connection.QueryAsync<(long Id, string Reference)>(
            "select a.account_id, a.reference from account a where a.council_id = 1 and exists (select 1 from bill b where b.council_id = 1 and b.account_id = a.account_id) " +
            "order by a.account_id limit 2")).ToList();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var (id, _) in accounts)
        {
            (await LetterRequests.RequestAsync(connection, tx, new LetterRequest(new CouncilId(1), id, On, $"cli-test/{id}",
                new ReminderFields(2026, 1, Money.FromPence(21_240), On.PlusDays(6), Money.FromPence(150_000), On.PlusDays(14))), CliRun.Now))
                .ShouldBeOfType<Outcome<QueuedLetter>.Done>();
        }

        var party = await connection.ExecuteScalarAsync<long>("select party_id from account_party where council_id = 1 and account_id = @id", new { id = accounts[1].Id }, tx);
        var address = await connection.ExecuteScalarAsync<int?>(
            "select address_seq from party_address where council_id = 1 and party_id = @party and valid_to is null order by valid_from desc, address_seq desc limit 1", new { party }, tx);
        await ReturnedMail.MarkAsync(connection, tx, new CouncilId(1), party, address ?? 0, On.PlusDays(-3), "test", CliRun.Now);
        await tx.CommitAsync();
        return (accounts[0].Reference, accounts[1].Reference);
    }

    [Fact]
    public async Task Print_by_type_and_date_prints_the_queued_letters_and_holds_the_gone_away_one()
    {
        var db = demo.CopyTo(_folder);
        var (printed, held) = await QueueTwoRemindersAsync(db);

        var run = await CliRun.RunAsync("letters", "print", "--db", db, "--council", "1", "--type", "reminder", "--date", "2026-11-23", "--out", _folder.File("out"));

        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldMatch(@"Letters printed\s+│\s+1\b");
        run.Stdout.ShouldMatch(@"Held: address gone away\s+│\s+1\b");
        run.Stdout.ShouldContain($"Held: account {held}");
        File.ReadAllText(_folder.File("out/reminder-2026-11-23-manifest.csv")).ShouldContain(printed);
        File.ReadAllText(_folder.File("out/reminder-2026-11-23-held.csv")).ShouldContain(held);
        File.Exists(_folder.File("out/reminder-2026-11-23-001.pdf")).ShouldBeTrue();
    }

    [Fact]
    public async Task Print_by_type_needs_a_date_and_a_known_type()
    {
        var db = demo.CopyTo(_folder);

        var noDate = await CliRun.RunAsync("letters", "print", "--db", db, "--council", "1", "--type", "reminder", "--out", _folder.File("out"));
        var badType = await CliRun.RunAsync("letters", "print", "--db", db, "--council", "1", "--type", "postcard", "--date", "2026-11-23", "--out", _folder.File("out"));

        noDate.ExitCode.ShouldBe(2);
        noDate.Stderr.ShouldContain("--date:");
        badType.ExitCode.ShouldBe(2);
        badType.Stderr.ShouldContain("--type: 'postcard' is not a letter type");
    }
}
