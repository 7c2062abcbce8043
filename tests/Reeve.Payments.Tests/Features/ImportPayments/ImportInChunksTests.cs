using System.Text;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ImportInChunksOnSqlite() : ImportInChunksTests(new SqliteEngine());

public sealed class ImportInChunksOnPostgres() : ImportInChunksTests(new PostgresEngine());

/// <summary>
/// A file read, matched and posted a few lines at a time (issue 20), in one transaction: what crosses a chunk's
/// edge (alike lines, a repeated transaction id, a line met in an earlier import) is seen exactly as in one go,
/// and a bad line in the last chunk undoes every chunk before it.
/// </summary>
public abstract class ImportInChunksTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private const int Chunk = 2;

    [Fact]
    public async Task A_bad_line_in_the_last_chunk_rolls_back_every_chunk_before_it()
    {
        var account = await OpenAccountAsync();
        var file = BankCsv(
            Line($"CTAX {account.Reference}", "10.00"), Line("NO REFERENCE", "1.00"),
            Line($"CTAX {account.Reference}", "20.00"), Line($"CTAX {account.Reference}", "30.00"),
            Line($"CTAX {account.Reference}", "40.00"), Line("CTAX", "12.345"));

        var refused = (await CsvInChunksAsync(file)).ShouldBeOfType<ImportPayments.Result.Refused>();

        refused.Field.ShouldBe("line 6: amount");
        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await CountAsync("suspense_item")).ShouldBe(0);
        (await CountAsync("bank_entry")).ShouldBe(0);
        (await CountAsync("payment_import")).ShouldBe(0);
        (await CountAsync("payment_import_day")).ShouldBe(0);

        // Put right, the same lines import whole.
        var report = Imported(await CsvInChunksAsync(BankCsv(
            Line($"CTAX {account.Reference}", "10.00"), Line("NO REFERENCE", "1.00"),
            Line($"CTAX {account.Reference}", "20.00"), Line($"CTAX {account.Reference}", "30.00"),
            Line($"CTAX {account.Reference}", "40.00"), Line("CTAX", "12.34"))));
        report.PostedTotal.ShouldBe(Money.FromPounds(100));
        report.SuspenseTotal.ShouldBe(Money.FromPence(1_334));
    }

    [Fact]
    public async Task An_agent_file_cut_short_after_several_chunks_is_refused_and_nothing_is_written()
    {
        var account = await OpenAccountAsync();
        var details = Enumerable.Range(1, 5).Select(i => $"D,{account.Reference},10.00,20250305,PP00000{i},").ToList();

        var refused = (await AgentInChunksAsync(string.Join("\n", details.Prepend("H,ANYTOWN,20250305")) + "\n"))
            .ShouldBeOfType<ImportPayments.Result.Refused>();

        refused.Field.ShouldBe("line 7: trailer");
        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await CountAsync("bank_entry")).ShouldBe(0);
        (await CountAsync("payment_import")).ShouldBe(0);
    }

    [Fact]
    public async Task A_trailer_that_disagrees_with_payments_in_earlier_chunks_is_refused()
    {
        var account = await OpenAccountAsync();
        var details = Enumerable.Range(1, 5).Select(i => $"D,{account.Reference},10.00,20250305,PP00000{i},");

        var refused = (await AgentInChunksAsync(string.Join("\n", details.Prepend("H,ANYTOWN,20250305").Append("T,5,49.99")) + "\n"))
            .ShouldBeOfType<ImportPayments.Result.Refused>();

        refused.Field.ShouldBe("line 7: trailer total");
        (await CountAsync("ledger_entry")).ShouldBe(0);
    }

    [Fact]
    public async Task A_transaction_id_repeated_in_a_later_chunk_is_a_duplicate_and_posts_nothing()
    {
        var account = await OpenAccountAsync();
        var text = $"H,ANYTOWN,20250305\nD,{account.Reference},10.00,20250305,PP000001,\nD,{account.Reference},20.00,20250305,PP000002,\n" +
                   $"D,{account.Reference},30.00,20250305,PP000003,\nD,{account.Reference},10.00,20250305,PP000001,\nT,4,70.00\n";

        var report = Imported(await AgentInChunksAsync(text));

        report.Credits.ShouldBe(3);
        report.PostedTotal.ShouldBe(Money.FromPounds(60));
        report.Duplicates.ShouldBe(1);
        report.DuplicateTotal.ShouldBe(Money.FromPounds(10));
        (await BalanceAsync(account)).ShouldBe(Money.FromPounds(-60));
        (await OutcomesAsync(report.ImportId)).ShouldBe([("2", "posted", null), ("3", "posted", null), ("4", "posted", null), ("5", "duplicate", "met earlier in this file")]);
    }

    [Fact]
    public async Task Alike_bank_lines_in_different_chunks_are_each_posted_and_each_known_to_a_later_file()
    {
        // Two payers paying the same amount with the same text on the same day are two entries (#1 and #2 of that
        // fingerprint), whichever chunks they fall in; a later statement that repeats one of them posts nothing.
        var account = await OpenAccountAsync();
        var same = Line($"CTAX {account.Reference}", "25.00");
        var first = Imported(await CsvInChunksAsync(BankCsv(same, Line("NO REFERENCE", "1.00"), Line($"CTAX {account.Reference}", "5.00"), same)));

        first.PostedCount.ShouldBe(3);
        first.Duplicates.ShouldBe(0);
        (await BalanceAsync(account)).ShouldBe(Money.FromPounds(-55));

        var later = Imported(await CsvInChunksAsync(BankCsv(Line($"CTAX {account.Reference}", "7.00"), Line("OTHER", "2.00"), same), "later.csv"));

        later.Duplicates.ShouldBe(1);
        later.PostedTotal.ShouldBe(Money.FromPounds(7));
        (await BalanceAsync(account)).ShouldBe(Money.FromPounds(-62));
        (await OutcomesAsync(later.ImportId)).Last().ShouldBe(("3", "duplicate", $"already met in import {first.ImportId}"));
    }

    [Fact]
    public async Task A_line_met_in_an_earlier_import_is_a_duplicate_in_whichever_chunk_it_falls()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 100_000);
        var earlier = Imported(await AgentInChunksAsync($"H,ANYTOWN,20250305\nD,{account.Reference},40.00,20250305,PP000009,\nT,1,40.00\n", "monday.csv"));

        var report = Imported(await AgentInChunksAsync(
            $"H,ANYTOWN,20250306\nD,{account.Reference},1.00,20250306,PP000010,\nD,{account.Reference},2.00,20250306,PP000011,\n" +
            $"D,{account.Reference},3.00,20250306,PP000012,\nD,{account.Reference},40.00,20250305,PP000009,\nD,{account.Reference},4.00,20250306,PP000013,\nT,5,50.00\n",
            "tuesday.csv"));

        report.Duplicates.ShouldBe(1);
        report.PostedTotal.ShouldBe(Money.FromPounds(10));
        (await BalanceAsync(account)).ShouldBe(Money.FromPounds(1_000 - 50));
        (await OutcomesAsync(report.ImportId)).Single(o => o.Outcome == "duplicate").ShouldBe(("5", "duplicate", $"already met in import {earlier.ImportId}"));
        (await CountAsync("ledger_entry")).ShouldBe(1 + 1 + 4);
    }

    [Fact]
    public async Task Each_days_credits_and_the_import_totals_add_up_over_the_chunks()
    {
        var account = await OpenAccountAsync();
        var report = Imported(await CsvInChunksAsync(BankCsv(
            Line($"CTAX {account.Reference}", "10.00", "2025-05-01"), Line("NO REFERENCE", "1.00", "2025-05-02"),
            Line($"CTAX {account.Reference}", "20.00", "2025-05-01"), Line("FEE", "-3.00", "2025-05-02"),
            Line($"CTAX {account.Reference}", "30.00", "2025-05-02"))));

        report.Credits.ShouldBe(4);
        report.NotCredits.ShouldBe(1);
        report.EntriesPosted.ShouldBe(3);
        var days = await ReadAsync(async c => (await Dapper.SqlMapper.QueryAsync<(string Day, int Credits, long Pence)>(c,
            "select cast(paid_on as text), credits, credit_pence from payment_import_day order by paid_on")).ToList());
        days.ShouldBe([("2025-05-01", 2, 3_000L), ("2025-05-02", 2, 3_100L)]);
        var import = await ReadAsync(c => Dapper.SqlMapper.QuerySingleAsync<(int Credits, int Posted, long PostedPence, int Suspended, long SuspensePence)>(c,
            "select credits, posted_count, posted_pence, suspense_count, suspense_pence from payment_import"));
        import.ShouldBe((4, 3, 6_000L, 1, 100L));
    }

    private Task<ImportPayments.Result> CsvInChunksAsync(byte[] content, string fileName = "statement.csv") =>
        ImportPayments.ImportAsync(Db, new ImportPayments.Request(Council, fileName, content, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, Officer), Now, Chunk);

    private Task<ImportPayments.Result> AgentInChunksAsync(string text, string fileName = "agent.csv") =>
        ImportPayments.ImportAsync(Db, new ImportPayments.Request(Council, fileName, Encoding.UTF8.GetBytes(text), PaymentFileFormat.AgentCsv,
            PaymentLayouts.HeaderDetailTrailer, Officer), Now, Chunk);

    private Task<List<(string Line, string Outcome, string? Note)>> OutcomesAsync(long importId) =>
        ReadAsync(async c => (await Dapper.SqlMapper.QueryAsync<(string Line, string Outcome, string? Note)>(c,
            "select line, outcome, note from bank_entry where import_id = @importId order by cast(line as integer)", new { importId })).ToList());
}
