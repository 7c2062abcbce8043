using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class DirectDebitOnSqlite() : DirectDebitTests(new SqliteEngine());

public sealed class DirectDebitOnPostgres() : DirectDebitTests(new PostgresEngine());

public abstract class DirectDebitTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    [Fact]
    public async Task A_mandate_with_bank_details_that_fail_the_modulus_check_is_refused()
    {
        // formats.md 4.3: 089999 / 66374959 fails MOD10.
        var account = await BilledAccountAsync();

        var refused = (await SetUpMandateAsync(account, accountNumber: "66374959")).ShouldBeOfType<Outcome<Mandate>.Invalid>();

        refused.Field.ShouldBe("accountNumber");
        (await CountAsync("dd_mandate")).ShouldBe(0);
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("cash");
    }

    [Fact]
    public async Task Setting_up_a_mandate_moves_the_account_to_direct_debit_and_waits_for_lodgement()
    {
        var account = await BilledAccountAsync();

        var mandate = (await SetUpMandateAsync(account)).ShouldBeOfType<Outcome<Mandate>.Done>().Value;

        mandate.Status.ShouldBe(MandateStatus.Pending);
        mandate.Reference.ShouldBe("CT" + account.Reference.Value);
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("direct-debit");
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.MandateSetUp);
        (await SetUpMandateAsync(account)).ShouldBeOfType<Outcome<Mandate>.Conflict>();
    }

    [Fact]
    public async Task An_instruction_is_lodged_once_and_a_second_run_hands_back_the_same_file()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = (await SetUpMandateAsync(account)).ShouldBeOfType<Outcome<Mandate>.Done>().Value;

        var first = (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>().Lodgement;
        var again = (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.NothingToLodge>();

        first.NewInstructions.ShouldBe(1);
        var read = Standard18Read.Parse(first.Content);
        var record = read.Records.ShouldHaveSingleItem();
        (record.Code, record.AmountPence, record.Reference, record.SortCode).ShouldBe(("0N", 0L, mandate.Reference, "089999"));
        read.Contra.ShouldBeNull();
        again.Previous!.Content.ShouldBe(first.Content);
        (await MandateAsync(mandate.MandateId))!.LodgedOn.ShouldBe(LodgedOn);
    }

    [Fact]
    public async Task A_paper_instruction_is_converted_with_0S_and_its_next_collection_is_a_regular_one()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = (await InTransactionAsync((c, tx) => Mandates.SetUpAsync(c, tx, Council, Tests.Domain.Modulus.ModulusCheckTests.Table,
            new Mandates.SetUp(account.AccountId, "J Smith", "089999", "66374958", new LocalDate(2025, 3, 1), Officer, ExistingPaperInstruction: true), Now)))
            .ShouldBeOfType<Outcome<Mandate>.Done>().Value;

        var lodged = (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>().Lodgement;

        (lodged.NewInstructions, lodged.Conversions).ShouldBe((0, 1));
        var record = Standard18Read.Parse(lodged.Content).Records.ShouldHaveSingleItem();
        (record.Code, record.AmountPence, record.Reference).ShouldBe(("0S", 0L, mandate.Reference));
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Active);
        Collected(await CollectAsync(MayRun)).ByCode.ShouldHaveSingleItem().Code.ShouldBe(TransactionCode.RegularCollection);
    }

    [Fact]
    public async Task Round_trip_lodged_collected_read_back_and_returned_unpaid()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);

        var report = Collected(await CollectAsync(MayRun));

        // An independent reader gets the same totals back: one first collection (01) of £100 and its contra.
        var read = Standard18Read.Parse(report.Run.Content);
        read.ProcessingDate.ShouldBe(" 25120"); // bYYDDD, formats.md 1.5
        read.Sun.ShouldBe("123456");
        var record = read.Records.ShouldHaveSingleItem();
        (record.Code, record.AmountPence, record.Reference, record.AccountNumber).ShouldBe(("01", 100_00L, mandate.Reference, "66374958"));
        read.Contra!.AmountPence.ShouldBe(100_00);
        read.Contra.Code.ShouldBe("99");
        (read.UtlDebitPence, read.UtlCreditPence, read.UtlDebitCount, read.UtlCreditCount).ShouldBe((100_00L, 100_00L, 1, 1));
        report.Run.Total.ShouldBe(Money.FromPence(100_00));
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(900_00));
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Active);

        // Instruction cancelled (1012) cannot be re-presented: the payment is reversed and recovery told.
        var returned = await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml",
            Arudd(Item(mandate.Reference, "1012", "INSTRUCTION CANCELLED", MayRun, "100.00"), "100.00", new LocalDate(2025, 5, 2)), Officer, Now);

        returned.ShouldBeOfType<ImportAruddReport.Result.Imported>().Report.ReversedCount.ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(1000_00));
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.Unpaid);
        (await ReadAsync(c => c.ExecuteScalarAsync<string>("select status from dd_collection"))).ShouldBe("unpaid");
    }

    [Fact]
    public async Task Running_the_same_processing_day_again_collects_and_posts_nothing_twice()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await LodgedMandateAsync(account);
        var first = Collected(await CollectAsync(MayRun));

        var again = (await CollectAsync(MayRun)).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();

        again.Previous!.Content.ShouldBe(first.Run.Content);
        (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Payment).ShouldBe(1);
        (await CountAsync("dd_collection_run")).ShouldBe(1);
    }

    [Fact]
    public async Task Later_collections_are_regular_and_an_instalment_is_not_collected_before_the_mandate_is_lodged_long_enough()
    {
        await SetOriginatorAsync(leadDays: 3);
        var account = await BilledAccountAsync();
        await SetUpMandateAsync(account);
        (await LodgeAsync(new LocalDate(2025, 4, 28))).ShouldBeOfType<LodgeMandates.Result.Done>();

        // Lodged on Monday 28 April: three working days runs to Thursday 1 May, after the 30 April run.
        var early = (await CollectAsync(MayRun)).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();
        var june = Collected(await CollectAsync(new LocalDate(2025, 5, 30), today: new LocalDate(2025, 5, 20)));

        early.Skipped.ShouldHaveSingleItem().Reason.ShouldContain("first collection can be processed from 2025-05-01");
        june.ByCode.ShouldHaveSingleItem().Code.ShouldBe(TransactionCode.FirstCollection);
        var july = Collected(await CollectAsync(new LocalDate(2025, 6, 30), today: new LocalDate(2025, 6, 1)));
        july.ByCode.ShouldHaveSingleItem().Code.ShouldBe(TransactionCode.RegularCollection);
    }

    [Fact]
    public async Task A_bill_issued_without_ten_working_days_notice_is_not_collected()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync(issuedOn: new LocalDate(2025, 4, 24));
        await LodgedMandateAsync(account);

        var result = (await CollectAsync(MayRun)).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();

        result.Skipped.ShouldHaveSingleItem().Reason.ShouldContain("10 working days");
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(1000_00));
    }

    [Fact]
    public async Task A_debit_returned_refer_to_payer_is_re_presented_once_with_code_18_after_notice()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        Collected(await CollectAsync(MayRun));
        await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml",
            Arudd(Item(mandate.Reference, "0128", "REFER TO PAYER", MayRun, "100.00"), "100.00", new LocalDate(2025, 5, 2)), Officer, Now);

        // Five working days from 2 May (5 May is a bank holiday) runs to 12 May.
        var tooSoon = await CollectAsync(new LocalDate(2025, 5, 8), today: new LocalDate(2025, 5, 6));
        var represented = Collected(await CollectAsync(new LocalDate(2025, 5, 12), today: new LocalDate(2025, 5, 9)));

        tooSoon.ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>().Skipped.ShouldHaveSingleItem().Reason.ShouldContain("re-presented from 2025-05-12");
        var record = Standard18Read.Parse(represented.Run.Content).Records.ShouldHaveSingleItem();
        (record.Code, record.AmountPence).ShouldBe(("18", 100_00L));
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(900_00));
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.Returned);
        (await EventsAsync(account)).ShouldNotContain(e => e.Kind == DirectDebitEvents.Unpaid);

        // Returned again: no third presentation, the unpaid goes to recovery.
        await ImportAruddReport.ImportAsync(Db, Council, "arudd-2.xml",
            Arudd(Item(mandate.Reference, "0128", "REFER TO PAYER", new LocalDate(2025, 5, 12), "100.00"), "100.00", new LocalDate(2025, 5, 14)), Officer, Now);
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.Unpaid);
        (await CollectAsync(new LocalDate(2025, 5, 28), today: new LocalDate(2025, 5, 27))).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();
    }

    [Fact]
    public async Task An_ADDACS_cancellation_ends_the_mandate_moves_the_account_to_cash_and_asks_for_a_letter()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        var report = Messaging("ADDACS",
            $"""<MessagingAdvice user-number="123456" record-type="A" effective-date="2025-05-06" reference="{mandate.Reference}" payer-name="J SMITH" payer-account-number="66374958" payer-sort-code="089999" reason-code="1" aosn="1"/>""");

        var imported = await ImportAddacsReport.ImportAsync(Db, Council, "addacs.xml", report, Officer, Now);
        var again = await ImportAddacsReport.ImportAsync(Db, Council, "addacs.xml", report, Officer, Now);

        imported.ShouldBeOfType<BacsReportResult.Imported>().Outcomes.ShouldHaveSingleItem().Outcome.ShouldStartWith("cancelled");
        again.ShouldBeOfType<BacsReportResult.AlreadyImported>();
        var ended = (await MandateAsync(mandate.MandateId))!;
        (ended.Status, ended.CancelledOn).ShouldBe((MandateStatus.Cancelled, new LocalDate(2025, 5, 6)));
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("cash");
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.LetterDue && e.Summary.StartsWith(DirectDebitEvents.Letters.Cancelled + ":"));
        (await CollectAsync(MayRun)).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();

        // The bank already cancelled it: no 0C goes to AUDDIS.
        (await LodgeAsync(new LocalDate(2025, 5, 7))).ShouldBeOfType<LodgeMandates.Result.NothingToLodge>();
    }

    [Fact]
    public async Task An_ADDACS_transfer_changes_the_bank_details_and_dates_the_change()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);

        await ImportAddacsReport.ImportAsync(Db, Council, "addacs.xml", Messaging("ADDACS",
            $"""<MessagingAdvice user-number="123456" record-type="A" effective-date="2025-04-20" reference="{mandate.Reference}" payer-name="J SMITH" payer-account-number="66374958" payer-sort-code="089999" reason-code="3" payer-new-sort-code="107999" payer-new-account-number="88837491" aosn="1"/>"""),
            Officer, Now);

        var changed = (await MandateAsync(mandate.MandateId))!;
        (changed.SortCode.Digits, changed.AccountNumber.Digits, changed.BankDetailsChangedOn).ShouldBe(("107999", "88837491", new LocalDate(2025, 4, 20)));
        Standard18Read.Parse(Collected(await CollectAsync(MayRun)).Run.Content).Records.ShouldHaveSingleItem().SortCode.ShouldBe("107999");
    }

    [Fact]
    public async Task An_AUDDIS_rejection_marks_the_mandate_rejected_with_the_reason()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);

        var result = await ImportAuddisReport.ImportAsync(Db, Council, "auddis.xml", Messaging("AUDDIS",
            $"""<MessagingAdvice user-number="123456" record-type="N" effective-date="2025-04-03" reference="{mandate.Reference}" payer-name="J SMITH" reason-code="5" aosn="1"/>"""),
            Officer, Now);

        result.ShouldBeOfType<BacsReportResult.Imported>();
        var rejected = (await MandateAsync(mandate.MandateId))!;
        rejected.Status.ShouldBe(MandateStatus.Rejected);
        rejected.StatusReason.ShouldBe("No account (AUDDIS 5)");
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("cash");
    }

    [Fact]
    public void A_report_is_told_apart_by_its_content()
    {
        BacsReportImports.Detect(Arudd(Item("CT500000013", "0128", "REFER TO PAYER", MayRun, "1.00"), "1.00", MayRun)).ShouldBe(BacsReportKind.Arudd);
        BacsReportImports.Detect(Messaging("ADDACS", "")).ShouldBe(BacsReportKind.Addacs);
        BacsReportImports.Detect(Messaging("AUDREJ", "")).ShouldBe(BacsReportKind.Auddis);
        BacsReportImports.Detect("hello"u8.ToArray()).ShouldBeNull();
    }
}
