using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Reconciliation;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ReconcileOnSqlite() : ReconcileTests(new SqliteEngine());

public sealed class ReconcileOnPostgres() : ReconcileTests(new PostgresEngine());

public abstract class ReconcileTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private static readonly string BankCsvChannel = PaymentFileFormat.BankCsv.Channel();

    private Task<DayReconciliation> ReconcileAsync() => ReconcileDay.ReconcileAsync(Db, Council, May1);

    // Two credits on 1 May to the account (£25.50 and £30.00), one to nobody (£9.99), and one on 2 May.
    private async Task<(Account Account, ImportPayments.Report Report)> ImportedAsync()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 100_000);
        var report = Imported(await ImportAsync(BankCsv(
            Line($"CTAX {account.Reference}", "25.50"),
            Line($"CTAX {account.Reference}", "30.00"),
            Line("NO REFERENCE HERE", "9.99"),
            Line($"CTAX {account.Reference}", "1.00", date: "2025-05-02"))));
        return (account, report);
    }

    [Fact]
    public async Task The_bank_total_for_a_day_equals_the_ledger_receipts_plus_suspense_and_each_import_agrees_with_its_file()
    {
        await ImportedAsync();

        var day = await ReconcileAsync();

        var channel = day.Channels.ShouldHaveSingleItem();
        (channel.Channel, channel.Statement.Pence, channel.Ledger.Pence, channel.InSuspense.Pence).ShouldBe((BankCsvChannel, 6_549L, 5_550L, 999L));
        channel.Difference.ShouldBe(Money.Zero);
        var import = day.Imports.ShouldHaveSingleItem();
        (import.FileTotal.Pence, import.Posted.Pence, import.Suspended.Pence).ShouldBe((6_649L, 5_650L, 999L));
        day.Agrees.ShouldBeTrue();
    }

    [Fact]
    public async Task Allocating_from_suspense_moves_money_from_suspense_to_the_ledger_and_the_day_still_agrees()
    {
        var (account, _) = await ImportedAsync();
        var item = (await ReadAsync(c => SuspenseQueue.ListAsync(c, Council, SuspenseStatus.Open))).ShouldHaveSingleItem();
        (await AllocateSuspenseItem.AllocateAsync(Db, Council, item.ItemId, account.Reference.Value, Officer, Now))
            .ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.Done>();

        var channel = (await ReconcileAsync()).Channels.ShouldHaveSingleItem();

        (channel.Ledger.Pence, channel.InSuspense.Pence, channel.Difference.Pence).ShouldBe((6_549L, 0L, 0L));
    }

    [Fact]
    public async Task A_payment_posted_against_a_file_that_the_file_does_not_hold_is_listed_as_a_difference()
    {
        var (account, report) = await ImportedAsync();
        var sha = await ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "select sha256 from payment_import where import_id = @id", new { id = report.ImportId }));
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Payment(account, Money.FromPence(500)) with { EffectiveDate = May1, IdempotencyKey = $"payment:{sha}:99" }], Now));

        var day = await ReconcileAsync();

        day.Channels.ShouldHaveSingleItem().Difference.ShouldBe(Money.FromPence(-500));
        day.Imports.ShouldHaveSingleItem().Difference.ShouldBe(Money.FromPence(-500));
        day.Agrees.ShouldBeFalse();
    }

    [Fact]
    public async Task A_bank_entry_posted_twice_is_found_and_named_by_the_banks_reference()
    {
        // Issue 21: a statement credit the ledger holds twice (here posted again by hand against the same line of the
        // same statement, as a re-sent file used to be) is listed with the bank's reference, and the day does not agree.
        await RecordBankAccountAsync();
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 100_000);
        var xml = ImportStatementTests.File("MSG-R", ImportStatementTests.Stmt("40123412345678", ImportStatementTests.Entry("100.00", $"CTAX {account.Reference}", "BR-0009")));
        var report = Imported(await ImportCamtAsync(xml));
        var sha = await ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "select sha256 from payment_import where import_id = @id", new { id = report.ImportId }));
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Payment(account, Money.FromPounds(100)) with { EffectiveDate = May1, IdempotencyKey = $"payment:{sha}:1:again" }], Now));

        var day = await ReconcileAsync();

        var twice = day.PostedTwice.ShouldHaveSingleItem();
        (twice.Line, twice.BankReference, twice.Booked, twice.Posted).ShouldBe(("1", "BR-0009", Money.FromPounds(100), Money.FromPounds(200)));
        day.Agrees.ShouldBeFalse();
    }

    [Fact]
    public async Task A_payment_with_no_bank_statement_is_shown_apart_and_is_not_a_difference()
    {
        var account = await OpenAccountAsync();
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Payment(account, Money.FromPence(1_234)) with { EffectiveDate = May1, IdempotencyKey = "govuk-pay:abc" }], Now));

        var day = await ReconcileAsync();

        var channel = day.Channels.ShouldHaveSingleItem();
        (channel.Channel, channel.Ledger.Pence, channel.OnBankStatement).ShouldBe(("govuk-pay", 1_234L, false));
        day.Agrees.ShouldBeTrue();
    }
}
