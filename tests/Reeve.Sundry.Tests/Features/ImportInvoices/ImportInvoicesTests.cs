using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.People;
using Reeve.Sundry.Features.ImportInvoices;
using Reeve.TestKit;
using Import = Reeve.Sundry.Features.ImportInvoices.ImportInvoices;

namespace Reeve.Sundry.Tests.Features.ImportInvoices;

public sealed class ImportInvoicesOnSqlite() : ImportInvoicesTests(new SqliteEngine());

public sealed class ImportInvoicesOnPostgres() : ImportInvoicesTests(new PostgresEngine());

/// <summary>The nightly invoice import: all or nothing, idempotent, customers matched or created, each invoice an account charged through the ledger.</summary>
public abstract class ImportInvoicesTests(IDatabaseEngine engine) : SundryTest(engine)
{
    [Fact]
    public async Task Each_invoice_becomes_a_sundry_account_charged_its_gross_through_the_ledger()
    {
        var report = await ImportedAsync(File(
            TradeWaste("INV1", 1, "100.00", "20.00"),
            TradeWaste("INV1", 2, "50.00", "10.00"),
            HallHire("INV2", "80.00", "C200", "Jane Smith")));

        report.InvoicesPosted.ShouldBe(2);
        report.Lines.ShouldBe(3);
        report.Charged.ShouldBe(Money.FromPence(26_000));
        report.EntriesPosted.ShouldBe(2);
        var account = await AccountOfAsync("INV1");
        var (kind, balance, entries) = await ReadAsync(async connection => (
            (await AccountStore.GetAsync(connection, Council, account))!.Kind,
            await ReadBalance.BalanceAsync(connection, Council, account),
            await ReadAccountLedger.EntriesAsync(connection, Council, account)));
        kind.ShouldBe(AccountKind.Sundry);
        balance.ShouldBe(Money.FromPence(18_000));
        var charge = entries.ShouldHaveSingleItem();
        charge.Kind.ShouldBe(EntryKind.Charge);
        charge.IdempotencyKey.ShouldBe("sundry-invoice:INV1");
        charge.SourceRule.ShouldBe("Environmental Protection Act 1990 s45(4)");
        charge.Reason.ShouldContain("Trade waste");
        (await CountAsync("sundry_invoice_line")).ShouldBe(3);
    }

    [Fact]
    public async Task The_same_file_again_posts_nothing()
    {
        var file = File(TradeWaste("INV1", 1, "100.00", "20.00"));
        await ImportedAsync(file);
        (await ImportAsync(file)).ShouldBeOfType<Import.Result.AlreadyImported>();
        (await CountAsync("ledger_entry")).ShouldBe(1);
        (await CountAsync("account")).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_invoice_in_a_later_file_is_skipped_and_only_the_new_one_posts()
    {
        await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00")), "monday.csv");
        var report = await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00"), TradeWaste("INV2", 1, "10.00", "2.00")), "tuesday.csv");
        report.DocumentsAlreadyImported.ShouldBe(1);
        report.InvoicesPosted.ShouldBe(1);
        (await CountAsync("ledger_entry")).ShouldBe(2);
        report.Customers.ShouldHaveSingleItem().Outcome.ShouldBe(CustomerOutcome.Known);
    }

    [Fact]
    public async Task A_new_customer_with_the_name_and_postcode_of_a_person_already_recorded_is_matched_to_them()
    {
        var person = await InTransactionAsync((connection, tx) => RecordParty.RecordAsync(connection, tx, new RecordParty.Request(
            Council, PartyKind.Person, NameParts.Person(null, "Jane", "Smith"), null, new LocalDate(2020, 1, 1), [],
            new RecordParty.PostalAddressInput(null, "2 Low Road", null, null, "Anytown", "AB1 9ZZ")), "officer", Now));
        var partyId = person.ShouldBeOfType<Outcome<long>.Done>().Value;

        var report = await ImportedAsync(File(HallHire("INV2", "80.00", "C200", "\"Smith, Jane\"", postcode: "ab19zz"), HallHire("INV3", "80.00", "C201", "Jane Smith", postcode: "ZZ9 9ZZ")));

        var matched = report.Customers.Single(c => c.CustomerNumber == "C200");
        matched.Outcome.ShouldBe(CustomerOutcome.MatchedByNameAndPostcode);
        matched.PartyId.ShouldBe(partyId);
        var elsewhere = report.Customers.Single(c => c.CustomerNumber == "C201");
        elsewhere.Outcome.ShouldBe(CustomerOutcome.Created, "the same name at another postcode is not the same person");
        elsewhere.PartyId.ShouldNotBe(partyId);
        var parties = await ReadAsync(connection => AccountStore.PartiesAsync(connection, Council, AccountOfAsync("INV2").Result));
        parties.ShouldHaveSingleItem().PartyId.ShouldBe(partyId);
    }

    [Fact]
    public async Task An_organisation_under_a_second_customer_number_is_matched_by_its_company_number()
    {
        var first = await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00")), "monday.csv");
        var created = first.Customers.ShouldHaveSingleItem();
        created.Outcome.ShouldBe(CustomerOutcome.Created);

        var second = await ImportedAsync(File(TradeWaste("INV2", 1, "100.00", "20.00", customer: "C900", name: "ACME SKIPS LIMITED")), "tuesday.csv");
        var matched = second.Customers.ShouldHaveSingleItem();
        matched.Outcome.ShouldBe(CustomerOutcome.MatchedByCompanyNumber);
        matched.PartyId.ShouldBe(created.PartyId);
        (await CountAsync("party")).ShouldBe(1);
    }

    [Fact]
    public async Task Two_new_customer_numbers_with_one_company_number_in_one_file_become_one_party()
    {
        var report = await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00"), TradeWaste("INV2", 1, "100.00", "20.00", customer: "C900")));
        report.Customers.Select(c => c.PartyId).Distinct().ShouldHaveSingleItem();
        (await CountAsync("party")).ShouldBe(1);
        (await CountAsync("sundry_customer")).ShouldBe(2);
    }

    [Fact]
    public async Task A_credit_note_reduces_its_invoice_by_a_new_entry_and_the_due_schedule_follows()
    {
        await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00")), "monday.csv");
        var report = await ImportedAsync(File(Credit("CRN1", "INV1", "-25.00", "-5.00")), "tuesday.csv");
        report.CreditNotesPosted.ShouldBe(1);
        report.Credited.ShouldBe(Money.FromPence(3_000));
        var account = await AccountOfAsync("INV1");
        var entries = await ReadAsync(connection => ReadAccountLedger.EntriesAsync(connection, Council, account));
        entries.Select(e => e.Kind).ShouldBe([EntryKind.Charge, EntryKind.AdjustmentDecrease]);
        (await ReadAsync(connection => ReadBalance.BalanceAsync(connection, Council, account))).ShouldBe(Money.FromPence(9_000));

        var schedule = await DueScheduleAsync(new LocalDate(2025, 6, 1));
        var row = schedule.ShouldHaveSingleItem();
        (row.account_id, row.due_on, row.amount_pence, row.financial_year).ShouldBe((account, "2025-05-31", 9_000L, 2025));
        (await DueScheduleAsync(new LocalDate(2025, 5, 5))).ShouldHaveSingleItem().amount_pence.ShouldBe(12_000L, "the credit note is dated 10 May");
        (await DueScheduleAsync(new LocalDate(2025, 4, 30))).ShouldBeEmpty("the invoice is dated 1 May");
    }

    [Fact]
    public async Task The_invoice_and_then_its_credit_note_are_the_advance_notice_a_direct_debit_collects_on()
    {
        await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00")), "monday.csv");
        var account = await AccountOfAsync("INV1");

        // Raised on 1 May and due on 31 May: the invoice is the notice of 120.00; the credit note of 10 May of the new 90.00.
        (await DueBetweenAsync(new LocalDate(2025, 5, 9))).ShouldBe([new DueRow(account, "2025-05-31", 12_000L, "2025-05-01", 1)]);
        await ImportedAsync(File(Credit("CRN1", "INV1", "-25.00", "-5.00")), "tuesday.csv");
        (await DueBetweenAsync(new LocalDate(2025, 5, 9))).ShouldBe([new DueRow(account, "2025-05-31", 12_000L, "2025-05-01", 1)], "the credit note is dated 10 May");
        (await DueBetweenAsync(new LocalDate(2025, 5, 29))).ShouldBe([new DueRow(account, "2025-05-31", 9_000L, "2025-05-10", 1)]);
    }

    [Fact]
    public async Task A_credit_note_for_more_than_is_left_on_the_invoice_is_refused()
    {
        await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00")), "monday.csv");
        var problems = (await ImportAsync(File(Credit("CRN1", "INV1", "-100.00", "-20.00"), Credit("CRN2", "INV1", "-0.50", "-0.10")))).ShouldBeOfType<Import.Result.Refused>().Problems;
        var problem = problems.ShouldHaveSingleItem();
        (problem.Line, problem.Field).ShouldBe((3, "net"));
        (await CountAsync("ledger_entry")).ShouldBe(1);
    }

    [Fact]
    public async Task The_stream_is_registered_as_sundry_under_the_County_Court_regime()
    {
        SundryModule.Register();
        var stream = DebtStreams.Find(AccountKind.Sundry).ShouldNotBeNull();
        stream.ShouldBeOfType<SundryStream>();
        stream.Regime.ShouldBe(RecoveryRegime.CountyCourt);
    }

    [Fact]
    public async Task A_missing_customer_is_refused_naming_line_and_field()
    {
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00"), TradeWaste("INV2", 1, "100.00", "20.00", customer: "")));
        (problem.Line, problem.Field).ShouldBe((3, "customer_number"));
        problem.Message.ShouldContain("Missing customer");
    }

    [Fact]
    public async Task A_customer_new_to_Reeve_without_a_name_is_refused()
    {
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00", name: "")));
        (problem.Line, problem.Field).ShouldBe((2, "customer_name"));
    }

    [Fact]
    public async Task VAT_that_does_not_match_its_code_is_refused_naming_line_and_field()
    {
        // 20% of 100.00 is 20.00; 19.00 matches neither rounding HMRC allows.
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00"), TradeWaste("INV1", 2, "100.00", "19.00")));
        (problem.Line, problem.Field).ShouldBe((3, "vat"));
        problem.Message.ShouldContain("20.00");
    }

    [Fact]
    public async Task VAT_rounded_down_or_to_the_nearest_penny_on_a_line_both_match()
    {
        // 20% of 10.03 is 2.006: 2.01 to the nearest penny, 2.00 rounded down (VAT Notice 700 s17.5).
        var report = await ImportedAsync(File(TradeWaste("INV1", 1, "10.03", "2.01"), TradeWaste("INV1", 2, "10.03", "2.00")));
        report.Charged.ShouldBe(Money.FromPence(2_407));
    }

    [Fact]
    public async Task A_VAT_code_other_than_the_income_codes_is_refused()
    {
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00").Replace(",S,20.00", ",Z,0.00", StringComparison.Ordinal)));
        (problem.Line, problem.Field).ShouldBe((2, "vat_code"));
    }

    [Fact]
    public async Task A_negative_amount_on_an_invoice_is_refused_as_it_is_not_a_credit_note()
    {
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00"), TradeWaste("INV1", 2, "-10.00", "-2.00")));
        (problem.Line, problem.Field).ShouldBe((3, "net"));
        problem.Message.ShouldContain("credit note");
    }

    [Fact]
    public async Task A_duplicate_invoice_number_in_the_file_is_refused()
    {
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00"), TradeWaste("INV2", 1, "10.00", "2.00"), TradeWaste("INV1", 2, "10.00", "2.00")));
        (problem.Line, problem.Field).ShouldBe((4, "document_number"));
        problem.Message.ShouldContain("Duplicate invoice number INV1");
    }

    [Fact]
    public async Task An_invoice_number_imported_before_as_a_different_invoice_is_refused_and_nothing_posts()
    {
        await ImportedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00")), "monday.csv");
        var result = await ImportAsync(File(TradeWaste("INV2", 1, "10.00", "2.00"), TradeWaste("INV1", 1, "150.00", "30.00")), "tuesday.csv");
        var problem = result.ShouldBeOfType<Import.Result.Refused>().Problems.ShouldHaveSingleItem();
        (problem.Line, problem.Field).ShouldBe((3, "document_number"));
        (await CountAsync("ledger_entry")).ShouldBe(1, "INV2, good on its own, is not posted either");
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-13-01")]
    [InlineData("31/05/2025")]
    public async Task A_due_date_that_does_not_exist_is_refused(string due)
    {
        var problem = await RefusedAsync(File(TradeWaste("INV1", 1, "100.00", "20.00", due: due)));
        (problem.Line, problem.Field).ShouldBe((2, "due_date"));
    }

    [Fact]
    public async Task An_individuals_single_word_name_is_refused()
    {
        var problem = await RefusedAsync(File(HallHire("INV2", "80.00", "C200", "Madonna")));
        (problem.Line, problem.Field).ShouldBe((2, "customer_name"));
    }

    [Fact]
    public async Task A_file_without_the_header_is_refused_at_line_1()
    {
        var problem = await RefusedAsync(System.Text.Encoding.UTF8.GetBytes(TradeWaste("INV1", 1, "100.00", "20.00") + "\n"));
        (problem.Line, problem.Field).ShouldBe((1, "header"));
    }

    [Fact]
    public async Task An_unknown_service_area_or_income_code_is_refused()
    {
        var problems = (await ImportAsync(File(
            TradeWaste("INV1", 1, "100.00", "20.00").Replace(",TW,", ",XX,", StringComparison.Ordinal),
            HallHire("INV2", "80.00", "C200", "Jane Smith").Replace("HH01", "TW01", StringComparison.Ordinal)))).ShouldBeOfType<Import.Result.Refused>().Problems;
        problems.Select(p => (p.Line, p.Field)).ShouldBe([(2, "service_area"), (3, "income_code")]);
    }

    private sealed record DueRow(long AccountId, string DueOn, long Pence, string NoticedOn, int IsLast);

    // What a Direct Debit run processing on asAt reads: the invoices due from then to the end of May.
    private Task<List<DueRow>> DueBetweenAsync(LocalDate asAt) =>
        ReadAsync(async connection => (await connection.QueryAsync<(long, LocalDate, long, LocalDate, int)>(
                "select account_id, due_on, amount_pence, noticed_on, is_last from (" + new SundryStream().DueBetweenSql + ") d",
                new { council = 1, lo = 0L, hi = long.MaxValue, asAt, from = asAt, to = new LocalDate(2025, 5, 31) }))
            .Select(r => new DueRow(r.Item1, r.Item2.ToString("uuuu-MM-dd", null), r.Item3, r.Item4.ToString("uuuu-MM-dd", null), r.Item5)).ToList());

    private sealed record ScheduleRow(long account_id, int financial_year, int seq, string due_on, long amount_pence);

    private Task<List<ScheduleRow>> DueScheduleAsync(LocalDate asAt) =>
        ReadAsync(async connection => (await connection.QueryAsync<(long, int, int, LocalDate, long)>(
                new SundryStream().DueScheduleSql, new { council = 1, lo = 0L, hi = long.MaxValue, asAt }))
            .Select(r => new ScheduleRow(r.Item1, r.Item2, r.Item3, r.Item4.ToString("uuuu-MM-dd", null), r.Item5)).ToList());
}
