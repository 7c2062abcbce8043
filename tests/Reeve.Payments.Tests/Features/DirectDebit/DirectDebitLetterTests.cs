using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class DirectDebitLettersOnSqlite() : DirectDebitLetterTests(new SqliteEngine());

public sealed class DirectDebitLettersOnPostgres() : DirectDebitLetterTests(new PostgresEngine());

/// <summary>
/// The Direct Debit letters queued by the Bacs imports and the collection run, and the rules that decide whether a
/// returned debit is presented again. The test clock stands at 1 April 2025, the day the letters are dated.
/// </summary>
public abstract class DirectDebitLetterTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    private static readonly LocalDate ReturnedOn = new(2025, 5, 2);

    private Task<ImportAruddReport.Result> ReturnAsync(Mandate mandate, string code, string description, string file = "arudd.xml", LocalDate? original = null) =>
        ImportAruddReport.ImportAsync(Db, Council, file,
            Arudd(Item(mandate.Reference, code, description, original ?? MayRun, "100.00"), "100.00", original is null ? ReturnedOn : original.Value.PlusDays(2)), Officer, Now);

    private Task<BacsReportResult> CancelAsync(Mandate mandate) =>
        ImportAddacsReport.ImportAsync(Db, Council, "addacs.xml", Messaging("ADDACS",
            $"""<MessagingAdvice user-number="123456" record-type="A" effective-date="2025-05-06" reference="{mandate.Reference}" payer-name="J SMITH" payer-account-number="66374958" payer-sort-code="089999" reason-code="1" aosn="1"/>"""),
            Officer, Now);

    private Task<IReadOnlyList<QueuedLetter>> LettersAsync(Account account) => ReadAsync(c => LetterRequests.ForAccountAsync(c, Council, account.AccountId));

    private Task<string> CollectionStatusAsync() => ReadAsync(c => c.ExecuteScalarAsync<string>("select status from dd_collection order by collection_id limit 1"))!;

    /// <summary>An account billed £1,000.00 in ten instalments, its mandate lodged and May's £100.00 collected.</summary>
    private async Task<(Account Account, Mandate Mandate)> CollectedOnceAsync()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        Collected(await CollectAsync(MayRun));
        return (account, mandate);
    }

    private async Task HoldAsync(Account account, LocalDate from) =>
        (await InTransactionAsync((c, tx) => AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(account.AccountId, HoldReason.BreathingSpace, from, null, "Breathing Space moratorium", Officer), Now)))
        .ShouldBeOfType<Outcome<AccountHold>.Done>();

    [Fact]
    public async Task An_ADDACS_cancellation_queues_one_letter_saying_what_is_owed_by_when_and_how_to_pay()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);

        await CancelAsync(mandate);
        (await CancelAsync(mandate)).ShouldBeOfType<BacsReportResult.AlreadyImported>();

        var letter = (await LettersAsync(account)).ShouldHaveSingleItem();
        letter.Type.ShouldBe(LetterType.DirectDebitCancelled);
        var fields = letter.Fields.ShouldBeOfType<DirectDebitCancelledFields>();
        (fields.MandateReference, fields.AmountOwed, fields.PayBy).ShouldBe((mandate.Reference, Money.FromPence(1000_00), new LocalDate(2025, 4, 1)));
        fields.Instalments.Count.ShouldBe(10);
        fields.WhatHappened.ShouldContain("Instruction cancelled by payer (ADDACS 1)");

        var text = PrintedText(account, letter);

        text.ShouldReadInOrder(["Your council tax Direct Debit has ended", mandate.Reference, "Your bank told us",
            "What you owe now", "£1,000.00", "1 April 2025", "1 January 2026", "How to pay", "new Direct Debit"]);
    }

    [Fact]
    public async Task A_debit_returned_refer_to_payer_is_collected_again_on_the_day_its_letter_names()
    {
        var (account, mandate) = await CollectedOnceAsync();

        var outcome = (await ReturnAsync(mandate, "0128", "REFER TO PAYER")).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report.Outcomes.ShouldHaveSingleItem();

        var letter = (await LettersAsync(account)).ShouldHaveSingleItem();
        var fields = letter.Fields.ShouldBeOfType<DirectDebitRePresentationFields>();
        // Five working days from Friday 2 May (Monday 5 May is a bank holiday): processed Monday 12 May, taken Tuesday 13 May.
        fields.RePresentOn.ShouldBe(new LocalDate(2025, 5, 13));
        (fields.Amount, fields.BankAccountEnding).ShouldBe((Money.FromPence(100_00), "4958"));
        outcome.Outcome.ShouldContain("2025-05-13");
        var again = Collected(await CollectAsync(new LocalDate(2025, 5, 12), today: new LocalDate(2025, 5, 9)));
        again.Run.EntryDate.ShouldBe(fields.RePresentOn);

        var text = PrintedText(account, letter);

        text.ShouldReadInOrder(["will be collected again", "£100.00", "Refer to payer", "account ending 4958", "13 May 2025"]);
    }

    [Fact]
    public async Task A_return_imported_too_late_to_give_notice_within_the_month_is_not_presented_again_and_asks_the_payer_to_pay()
    {
        var (account, mandate) = await CollectedOnceAsync();
        // Imported on 27 May: five working days' notice runs to 3 June, past a month from the 30 April processing day.
        Clock.SetTo(Instant.FromUtc(2025, 5, 27, 9, 0));

        var outcome = (await ReturnAsync(mandate, "0128", "REFER TO PAYER")).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report.Outcomes.ShouldHaveSingleItem();

        outcome.Outcome.ShouldContain("the month to present it again has passed");
        (await CollectionStatusAsync()).ShouldBe("unpaid");
        var letter = (await LettersAsync(account)).ShouldHaveSingleItem();
        letter.Fields.ShouldBeOfType<DirectDebitUnpaidFields>().PayBy.ShouldBe(new LocalDate(2025, 6, 2));
    }

    [Fact]
    public async Task A_debit_returned_while_the_account_is_held_is_not_presented_again_and_no_letter_asks_for_it()
    {
        var (account, mandate) = await CollectedOnceAsync();
        await HoldAsync(account, new LocalDate(2025, 5, 1));

        var outcome = (await ReturnAsync(mandate, "0128", "REFER TO PAYER")).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report.Outcomes.ShouldHaveSingleItem();

        outcome.Outcome.ShouldContain("the account is held");
        (await CollectionStatusAsync()).ShouldBe("unpaid");
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.Unpaid);
        (await LettersAsync(account)).ShouldBeEmpty();
        (await CollectAsync(new LocalDate(2025, 5, 12), today: new LocalDate(2025, 5, 9))).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();
    }

    [Fact]
    public async Task A_debit_from_before_reeves_runs_returned_in_a_breathing_space_is_reversed_and_the_letter_asking_for_it_refused_and_logged()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        // Collected before Reeve's own runs (migrated history, as the demo's is): a payment with no collection record.
        (await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [new NewEntry(Council, account.AccountId, EntryKind.Payment, Money.FromPence(100_00), new FinancialYear(2025), MayRun, Officer,
                "Direct Debit collection", "test history", "dd-history:1")], Now))).ShouldBeOfType<Outcome<PostResult>.Done>();
        await HoldAsync(account, new LocalDate(2025, 3, 1));

        var report = (await ReturnAsync(mandate, "0128", "REFER TO PAYER")).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        report.ReversedCount.ShouldBe(1);
        (await LettersAsync(account)).ShouldBeEmpty();
        (await EventsAsync(account)).ShouldContain(e => e.Kind == Moratoriums.RefusedKind && e.Summary.Contains("dd-unpaid"));
    }

    [Fact]
    public async Task A_hold_placed_after_the_return_stops_the_run_presenting_it_again()
    {
        var (account, mandate) = await CollectedOnceAsync();
        await ReturnAsync(mandate, "0128", "REFER TO PAYER");
        await HoldAsync(account, new LocalDate(2025, 5, 9));

        (await CollectAsync(new LocalDate(2025, 5, 12), today: new LocalDate(2025, 5, 9))).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();

        (await CollectionStatusAsync()).ShouldBe("unpaid");
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.Unpaid && e.Summary.Contains("held"));
        (await LettersAsync(account)).ShouldNotContain(l => l.Type == LetterType.DirectDebitUnpaid);
    }

    [Fact]
    public async Task A_debit_waiting_to_be_presented_again_is_not_presented_after_the_payer_cancels_the_mandate()
    {
        var (account, mandate) = await CollectedOnceAsync();
        await ReturnAsync(mandate, "0128", "REFER TO PAYER");

        await CancelAsync(mandate);

        (await CollectionStatusAsync()).ShouldBe("unpaid");
        (await CollectAsync(new LocalDate(2025, 5, 12), today: new LocalDate(2025, 5, 9))).ShouldBeOfType<CollectDirectDebits.Result.NothingToCollect>();
        (await EventsAsync(account)).ShouldContain(e => e.Kind == DirectDebitEvents.Unpaid && e.Summary.Contains("will not be presented again"));
        (await LettersAsync(account)).Select(l => l.Type).ShouldBe([LetterType.DirectDebitRePresentation, LetterType.DirectDebitCancelled], ignoreOrder: true);
    }

    [Fact]
    public async Task A_debit_returned_instruction_cancelled_ends_the_mandate_and_queues_the_cancelled_letter_only()
    {
        var (account, mandate) = await CollectedOnceAsync();

        await ReturnAsync(mandate, "1012", "INSTRUCTION CANCELLED");

        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Cancelled);
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("cash");
        var letter = (await LettersAsync(account)).ShouldHaveSingleItem();
        var fields = letter.Fields.ShouldBeOfType<DirectDebitCancelledFields>();
        fields.WhatHappened.ShouldContain("returned unpaid: Instruction cancelled, ARUDD 1012");
        fields.AmountOwed.ShouldBe(Money.FromPence(1000_00));
    }

    [Fact]
    public async Task A_debit_that_will_not_be_presented_again_queues_one_unpaid_letter_giving_seven_days_to_pay()
    {
        var (account, mandate) = await CollectedOnceAsync();
        var report = Arudd(Item(mandate.Reference, "0000", "AMOUNT DIFFERS", MayRun, "100.00"), "100.00", ReturnedOn);

        await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", report, Officer, Now);
        (await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", report, Officer, Now)).ShouldBeOfType<ImportAruddReport.Result.AlreadyImported>();

        var letter = (await LettersAsync(account)).ShouldHaveSingleItem();
        var fields = letter.Fields.ShouldBeOfType<DirectDebitUnpaidFields>();
        (fields.AmountReturned, fields.Reason, fields.PayBy, fields.AmountOwed)
            .ShouldBe((Money.FromPence(100_00), "Amount differs", new LocalDate(2025, 4, 7), Money.FromPence(1000_00)));
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Active);

        var text = PrintedText(account, letter);

        text.ShouldReadInOrder(["Your council tax Direct Debit was not paid", "£100.00", "Amount differs", "What you must pay now", "7 April 2025",
            "£1,000.00", "How to pay"]);
    }

    /// <summary>The queued letter as the print run renders it, read back from the PDF by pdftotext.</summary>
    private static string PrintedText(Account account, QueuedLetter letter)
    {
        var facts = new AccountLetterFacts(DemoLetters.Council, account.Reference, DemoLetters.Recipient, null);
        return PdfText.Read(LetterRenderer.WithDefaults().Render(letter.Type, Channel.Letter, LetterModelBuilder.Build(facts, letter.Fields, letter.On)).Pdf!);
    }
}

internal static class ReadingOrderExtensions
{
    /// <summary>Each phrase appears after the one before it, as a reader meets them on the page.</summary>
    public static void ShouldReadInOrder(this string text, IEnumerable<string> phrases)
    {
        var from = 0;
        foreach (var phrase in phrases)
        {
            var at = text.IndexOf(phrase, from, StringComparison.Ordinal);
            at.ShouldBeGreaterThanOrEqualTo(0, $"'{phrase}' is not found after position {from} in:\n{text}");
            from = at + phrase.Length;
        }
    }
}
