using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Receipts;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ImportPaymentsOnSqlite() : ImportPaymentsTests(new SqliteEngine());

public sealed class ImportPaymentsOnPostgres() : ImportPaymentsTests(new PostgresEngine());

public abstract class ImportPaymentsTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    [Fact]
    public async Task Credits_with_a_good_reference_are_posted_and_the_rest_go_to_suspense_with_the_reason()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 120_000);
        var nobody = AccountReference.Create(AccountKind.CouncilTax, 9_999_999);
        var file = BankCsv(
            Line($"SMITH J CTAX {account.Reference}", "100.00"),
            Line("BANK CHARGES", "-3.00"),
            Line($"CTAX {Mistyped(account.Reference)}", "25.50"),
            Line($"CTAX {nobody}", "10.00"),
            Line("COUNCIL TAX", "7.25"),
            Line($"CTAX {account.Reference}", "20.00", "2025-05-02"));

        var report = Imported(await ImportAsync(file));

        report.Credits.ShouldBe(5);
        report.NotCredits.ShouldBe(1);
        report.PostedCount.ShouldBe(2);
        report.PostedTotal.ShouldBe(Money.FromPence(12_000));
        report.SuspenseCount.ShouldBe(3);
        report.SuspenseTotal.ShouldBe(Money.FromPence(4_275));
        report.SuspenseByReason.ShouldBe([
            new ImportPayments.ReasonTotal(SuspenseReason.NoReference, 1, Money.FromPence(725)),
            new ImportPayments.ReasonTotal(SuspenseReason.CheckDigitWrong, 1, Money.FromPence(2_550)),
            new ImportPayments.ReasonTotal(SuspenseReason.NoSuchAccount, 1, Money.FromPence(1_000)),
        ]);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(108_000));
        var payment = (await EntriesAsync(account)).First(e => e.Kind == EntryKind.Payment);
        payment.Amount.ShouldBe(Money.FromPence(10_000));
        payment.EffectiveDate.ShouldBe(May1);
        payment.Year.ShouldBe(new FinancialYear(2025));
        payment.SourceRule.ShouldBe("Payment received: bank-csv line 1");
        payment.Reason.ShouldBe("Bank credit (bank CSV statement), bank reference line 1");
        payment.PostedBy.ShouldBe(Officer);
        var items = await ReadAsync(c => SuspenseQueue.ListAsync(c, Council, SuspenseStatus.Open));
        items.Select(i => (i.Line, i.Reason, i.Amount.Pence)).ShouldBe([
            ("3", SuspenseReason.CheckDigitWrong, 2_550L), ("4", SuspenseReason.NoSuchAccount, 1_000L), ("5", SuspenseReason.NoReference, 725L)]);
        items[0].ReferenceText.ShouldBe($"CTAX {Mistyped(account.Reference)}");
        items[0].PaidOn.ShouldBe(May1);
        items[0].ImportId.ShouldBe(report.ImportId);
    }

    [Fact]
    public async Task A_preview_reports_what_the_import_would_post_and_writes_nothing_then_the_import_writes_it_with_what_the_caller_adds()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 120_000);
        var file = BankCsv(Line($"CTAX {account.Reference}", "100.00"), Line("NO REFERENCE", "5.00"));
        var also = 0;
        var finish = new Reeve.Persistence.ImportFinish(false, async (c, tx) =>
        {
            also++;
            await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "select count(*) from payment_import", transaction: tx);
        });

        var preview = Imported(await ImportPayments.ImportAsync(Db,
            new ImportPayments.Request(Council, "statement.csv", file, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, Officer, Reeve.Persistence.ImportFinish.Preview), Now));
        var entriesAfterPreview = await CountAsync("ledger_entry");
        var importsAfterPreview = await CountAsync("payment_import");
        var imported = Imported(await ImportPayments.ImportAsync(Db,
            new ImportPayments.Request(Council, "statement.csv", file, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, Officer, finish), Now));

        preview.PostedCount.ShouldBe(1);
        preview.PostedTotal.ShouldBe(Money.FromPence(10_000));
        preview.SuspenseCount.ShouldBe(1);
        entriesAfterPreview.ShouldBe(1, "only the charge: a preview posts nothing");
        importsAfterPreview.ShouldBe(0);
        imported.PostedTotal.ShouldBe(preview.PostedTotal);
        also.ShouldBe(1);
        (await CountAsync("payment_import")).ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(110_000));
    }

    [Fact]
    public async Task The_same_file_imported_twice_posts_nothing_the_second_time_and_says_so()
    {
        var account = await OpenAccountAsync();
        var file = BankCsv(Line($"CTAX {account.Reference}", "100.00"), Line("NO REFERENCE", "5.00"));
        var first = Imported(await ImportAsync(file));

        var second = await ImportAsync(file, "renamed.csv");

        second.ShouldBeOfType<ImportPayments.Result.AlreadyImported>().ImportId.ShouldBe(first.ImportId);
        (await CountAsync("ledger_entry")).ShouldBe(1);
        (await CountAsync("suspense_item")).ShouldBe(1);
        (await CountAsync("payment_import")).ShouldBe(1);
    }

    [Fact]
    public async Task A_file_with_a_bad_line_is_refused_naming_the_line_and_field_and_nothing_is_written()
    {
        var account = await OpenAccountAsync();
        var file = BankCsv(Line($"CTAX {account.Reference}", "100.00"), Line("NO REFERENCE", "5.0.0"));

        var refused = (await ImportAsync(file)).ShouldBeOfType<ImportPayments.Result.Refused>();

        refused.Field.ShouldBe("line 2: amount");
        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await CountAsync("suspense_item")).ShouldBe(0);
        (await CountAsync("payment_import")).ShouldBe(0);
    }

    [Fact]
    public async Task A_payment_covering_two_years_is_split_oldest_first_into_entries_that_sum_to_it()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 30_000);
        await ChargeAsync(account, 2025, 120_000);

        Imported(await ImportAsync(BankCsv(Line($"CTAX {account.Reference}", "500.00"))));

        var payments = (await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Payment).OrderBy(e => e.Year).ToList();
        payments.Select(p => (p.Year.StartYear, p.Amount.Pence)).ShouldBe([(2024, 30_000L), (2025, 20_000L)]);
        payments.Select(p => p.IdempotencyKey).Distinct().Count().ShouldBe(2);
        payments[0].Reason.ShouldContain("2024/25 share of £500.00");
    }

    [Fact]
    public async Task Two_payments_in_one_file_see_the_balance_the_first_left()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 10_000);
        await ChargeAsync(account, 2025, 120_000);

        Imported(await ImportAsync(BankCsv(Line($"CTAX {account.Reference}", "100.00"), Line($"CTAX {account.Reference}", "50.00"))));

        var payments = (await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Payment).ToList();
        payments.Select(p => (p.Year.StartYear, p.Amount.Pence)).ShouldBe([(2024, 10_000L), (2025, 5_000L)]);
    }

    [Fact]
    public async Task A_statement_posted_in_several_chunks_allocates_each_line_against_the_balance_the_lines_before_left()
    {
        // Posted two lines at a time, one transaction: the 2024/25 arrears are used up in the second chunk and the
        // third chunk's payments go to 2025/26, exactly as if the file had been posted in one go.
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 7_000);
        await ChargeAsync(account, 2025, 120_000);
        var file = BankCsv(
            Line($"CTAX {account.Reference}", "20.00"), Line("NO REFERENCE", "1.00"),
            Line($"CTAX {account.Reference}", "40.00"), Line($"CTAX {account.Reference}", "30.00"),
            Line($"CTAX {account.Reference}", "5.00"));

        var report = Imported(await ImportPayments.ImportAsync(Db,
            new ImportPayments.Request(Council, "chunks.csv", file, PaymentFileFormat.BankCsv, PaymentLayouts.SignedAmount, Officer), Now, chunk: 2));

        report.PostedCount.ShouldBe(4);
        report.EntriesPosted.ShouldBe(5);
        report.SuspenseCount.ShouldBe(1);
        var payments = (await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Payment).OrderBy(e => e.EntryId).ToList();
        payments.Select(p => (p.Year.StartYear, p.Amount.Pence)).ShouldBe([(2024, 2_000L), (2024, 4_000L), (2024, 1_000L), (2025, 2_000L), (2025, 500L)]);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(127_000 - 9_500));
        (await ImportAsync(file, "again.csv")).ShouldBeOfType<ImportPayments.Result.AlreadyImported>();
        (await CountAsync("ledger_entry")).ShouldBe(7);
    }

    [Fact]
    public async Task A_payer_who_names_a_year_has_the_payment_put_to_that_year()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 30_000);
        await ChargeAsync(account, 2025, 120_000);

        Imported(await ImportAsync(BankCsv(Line($"CTAX {account.Reference} 2025/26", "100.00"))));

        (await EntriesAsync(account)).Single(e => e.Kind == EntryKind.Payment).Year.ShouldBe(new FinancialYear(2025));
    }

    [Fact]
    public async Task A_reference_of_another_councils_account_is_no_such_account()
    {
        var other = await Councils.SeedOtherAsync(Db, Now);
        var theirs = await Accounts.OpenAsync(Db, other, Now);

        var report = Imported(await ImportAsync(BankCsv(Line($"CTAX {theirs.Reference}", "100.00"))));

        report.SuspenseByReason.ShouldHaveSingleItem().Reason.ShouldBe(SuspenseReason.NoSuchAccount);
        (await CountAsync("ledger_entry")).ShouldBe(0);
    }

    [Fact]
    public async Task A_camt053_statement_posts_each_transaction_of_a_batched_credit()
    {
        await RecordBankAccountAsync();
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        var xml = Domain.Statements.Camt053StatementTests.Camt(
            Domain.Statements.Camt053StatementTests.TwoEntries.Replace("500000012", first.Reference.Value).Replace("600000019", second.Reference.Value));

        var report = Imported(await ImportPayments.ImportAsync(Db,
            new ImportPayments.Request(Council, "camt.xml", System.Text.Encoding.UTF8.GetBytes(xml), PaymentFileFormat.Camt053, null, Officer), Now));

        report.PostedCount.ShouldBe(2);
        report.NotCredits.ShouldBe(1);
        (await BalanceAsync(first)).ShouldBe(Money.FromPounds(-100));
        (await EntriesAsync(second)).ShouldHaveSingleItem().SourceRule.ShouldBe("Payment received: camt053 line 1.2");
    }

    [Fact]
    public async Task An_agent_file_is_posted_through_its_layout()
    {
        var account = await OpenAccountAsync();
        var text = $"H,ANYTOWN,20250305\nD,{account.Reference},25.00,20250305,PP000001,OUTLET 17\nD,{Mistyped(account.Reference)},10.50,20250305,PP000002,\nT,2,35.50\n";

        var report = Imported(await ImportPayments.ImportAsync(Db,
            new ImportPayments.Request(Council, "agent.csv", System.Text.Encoding.UTF8.GetBytes(text), PaymentFileFormat.AgentCsv, PaymentLayouts.HeaderDetailTrailer, Officer), Now));

        report.PostedTotal.ShouldBe(Money.FromPence(2_500));
        report.SuspenseTotal.ShouldBe(Money.FromPence(1_050));
        (await EntriesAsync(account)).ShouldHaveSingleItem().Reason.ShouldContain("bank reference PP000001");
    }
}
