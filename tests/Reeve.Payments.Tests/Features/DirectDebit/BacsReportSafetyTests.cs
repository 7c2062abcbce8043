using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class BacsReportSafetyOnSqlite() : BacsReportSafetyTests(new SqliteEngine());

public sealed class BacsReportSafetyOnPostgres() : BacsReportSafetyTests(new PostgresEngine());

/// <summary>
/// Issue 21: Bacs reports as banks really send them. A report for another service user changes nothing; an item is
/// applied once whatever file brings it; an item whose payer details differ from the mandate goes to an officer.
/// The reports are built from the genuine files in Corpus/bacs.
/// </summary>
public abstract class BacsReportSafetyTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    private Task<BacsReportResult> AddacsAsync(string xml, string file = "addacs.xml") =>
        ImportAddacsReport.ImportAsync(Db, Council, file, Encoding.UTF8.GetBytes(xml), Officer, Now);

    private Task<IReadOnlyList<BacsWorkItem>> WorkItemsAsync() => ReadAsync(c => BacsWorkItems.OpenAsync(c, Council));

    private async Task<Mandate> CollectedMandateAsync(Account account)
    {
        var mandate = await LodgedMandateAsync(account);
        Collected(await CollectAsync(MayRun));
        return mandate;
    }

    [Fact]
    public async Task An_ADDACS_for_another_service_user_is_refused_naming_the_number_and_changes_nothing()
    {
        // The genuine so-sure ADDACS keeps its own SUN (176198); council 1's is 123456. Before issue 21 it cancelled
        // council 1's mandate with the same reference, moved the account to cash and queued a letter.
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        var eventsBefore = (await EventsAsync(account)).Count;

        var refused = (await AddacsAsync(BacsCorpus.Addacs(mandate.Reference))).ShouldBeOfType<BacsReportResult.Refused>();

        refused.Field.ShouldBe("BACSDocument/Data/MessagingAdvices/MessagingHeader/@user-number");
        refused.Message.ShouldContain("176198");
        refused.Message.ShouldContain("123456");
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Lodged);
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("direct-debit");
        (await EventsAsync(account)).Count.ShouldBe(eventsBefore);
        (await CountAsync("bacs_report_import")).ShouldBe(0);
        (await CountAsync("bacs_report_entry")).ShouldBe(0);
    }

    [Fact]
    public async Task A_report_for_a_council_with_no_service_user_number_set_is_refused()
    {
        var refused = (await AddacsAsync(BacsCorpus.Addacs("CT500000013", sun: "123456"))).ShouldBeOfType<BacsReportResult.Refused>();

        refused.Message.ShouldContain("no Bacs service user number set");
        (await CountAsync("bacs_report_import")).ShouldBe(0);
    }

    [Fact]
    public async Task An_advice_naming_another_service_user_than_its_header_is_refused_naming_the_advice()
    {
        await SetOriginatorAsync();
        var xml = BacsCorpus.Edit(BacsCorpus.Addacs("CT500000013", sun: "123456"), ("<MessagingAdvice user-number=\"123456\"", "<MessagingAdvice user-number=\"434343\""));

        var refused = (await AddacsAsync(xml)).ShouldBeOfType<BacsReportResult.Refused>();

        refused.Field.ShouldBe("BACSDocument/Data/MessagingAdvices/MessagingAdvice[1]/@user-number");
        refused.Message.ShouldContain("434343");
    }

    [Fact]
    public async Task An_ARUDD_for_another_service_user_is_refused_and_reverses_nothing()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await CollectedMandateAsync(account);
        var xml = BacsCorpus.Edit(BacsCorpus.Text(BacsCorpus.RealisticArudd), ("REFERENCE", mandate.Reference), ("userNumber=\"123456\"", "userNumber=\"434343\""));

        var refused = (await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", Encoding.UTF8.GetBytes(xml), Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Refused>();

        refused.Field.ShouldBe("BACSDocument/Data/ARUDD/ServiceLicenseInformation/@userNumber");
        refused.Message.ShouldContain("434343");
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(900_00));
        (await CountAsync("arudd_import")).ShouldBe(0);
    }

    [Fact]
    public async Task The_realistic_ARUDD_reverses_the_collection_it_names()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await CollectedMandateAsync(account);
        var xml = BacsCorpus.Edit(BacsCorpus.Text(BacsCorpus.RealisticArudd), ("REFERENCE", mandate.Reference));

        var report = (await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", Encoding.UTF8.GetBytes(xml), Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        report.ReversedCount.ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(1000_00));
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Cancelled);
    }

    [Fact]
    public async Task A_re_sent_ADDACS_with_new_header_numbers_changes_the_bank_details_once()
    {
        // Before issue 21 the re-sent transfer (a new file, so a new SHA-256) was applied again: a second change and
        // a second event on the account.
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        var transfer = BacsCorpus.Edit(BacsCorpus.Addacs(mandate.Reference, sun: "123456", reasonCode: "3"),
            ("payer-sort-code=\"089999\"", "payer-sort-code=\"089999\" payer-new-sort-code=\"107999\" payer-new-account-number=\"88837491\""));

        var first = (await AddacsAsync(transfer)).ShouldBeOfType<BacsReportResult.Imported>();
        var again = (await AddacsAsync(BacsCorpus.ReGenerated(transfer), "addacs-resent.xml")).ShouldBeOfType<BacsReportResult.Imported>();

        first.Outcomes.ShouldHaveSingleItem().Outcome.ShouldStartWith("bank details changed");
        var duplicate = again.Outcomes.ShouldHaveSingleItem();
        duplicate.Duplicate.ShouldBeTrue();
        duplicate.Outcome.ShouldBe($"already received in ADDACS import {first.ImportId}, item 1: nothing applied again");
        (await EventsAsync(account)).Count(e => e.Kind == DirectDebitEvents.BankDetailsChanged).ShouldBe(1);
        (await WorkItemsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_re_sent_ADDACS_whose_advice_numbers_were_renumbered_is_still_known_by_what_it_says()
    {
        // The fallback key: reference, reason, effective date and payer's account, for an advice the bank numbered afresh.
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        var disputed = BacsCorpus.Addacs(mandate.Reference, sun: "123456", reasonCode: "D");

        await AddacsAsync(disputed);
        var again = (await AddacsAsync(BacsCorpus.Edit(BacsCorpus.ReGenerated(disputed), ("aosn=\"00000001\"", "aosn=\"00000042\"")), "renumbered.xml"))
            .ShouldBeOfType<BacsReportResult.Imported>();

        again.Outcomes.ShouldHaveSingleItem().Duplicate.ShouldBeTrue();
        (await EventsAsync(account)).Count(e => e.Kind == DirectDebitEvents.Review).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_advice_twice_in_one_report_is_applied_once()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);
        var xml = BacsCorpus.Addacs(mandate.Reference, sun: "123456", reasonCode: "D");
        var advice = xml[xml.IndexOf("<MessagingAdvice ", StringComparison.Ordinal)..(xml.IndexOf("<MessagingError", StringComparison.Ordinal))];
        var twice = xml.Replace(advice, advice + advice, StringComparison.Ordinal);

        var outcomes = (await AddacsAsync(twice)).ShouldBeOfType<BacsReportResult.Imported>().Outcomes;

        outcomes.Select(o => o.Duplicate).ShouldBe([false, true]);
        (await EventsAsync(account)).Count(e => e.Kind == DirectDebitEvents.Review).ShouldBe(1);
    }

    [Fact]
    public async Task An_ADDACS_whose_payer_account_differs_goes_to_an_officer_and_the_mandate_is_unchanged()
    {
        // Before issue 21 the reference alone was enough: the mandate was cancelled and a letter queued.
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await LodgedMandateAsync(account);

        var outcome = (await AddacsAsync(BacsCorpus.Addacs(mandate.Reference, sun: "123456", accountNumber: "12345678")))
            .ShouldBeOfType<BacsReportResult.Imported>().Outcomes.ShouldHaveSingleItem();

        outcome.WorkItemId.ShouldNotBeNull();
        outcome.Outcome.ShouldContain("account number: the report has 12345678, the mandate 66374958");
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Lodged);
        (await ReloadAsync(account))!.PaymentMethod.ShouldBe("direct-debit");
        (await EventsAsync(account)).ShouldNotContain(e => e.Kind == DirectDebitEvents.LetterDue);
        var item = (await WorkItemsAsync()).ShouldHaveSingleItem();
        (item.Kind, item.Reference, item.MandateId, item.AccountId).ShouldBe((BacsReportKind.Addacs, mandate.Reference, (long?)mandate.MandateId, (long?)account.AccountId));
        item.Reason.ShouldBe("1 Instruction cancelled by payer");
        item.Difference.ShouldBe("account number: the report has 12345678, the mandate 66374958");
    }

    [Fact]
    public async Task An_ADDACS_whose_payer_name_is_another_persons_goes_to_an_officer_but_case_and_spacing_do_not_count()
    {
        await SetOriginatorAsync();
        var first = await LodgedMandateAsync(await BilledAccountAsync());

        var other = (await AddacsAsync(BacsCorpus.Addacs(first.Reference, sun: "123456", payerName: "A JONES"))).ShouldBeOfType<BacsReportResult.Imported>();
        var same = (await AddacsAsync(BacsCorpus.Edit(BacsCorpus.Addacs(first.Reference, sun: "123456", payerName: "j  smith", reasonCode: "B"), ("aosn=\"00000001\"", "aosn=\"00000002\"")), "second.xml"))
            .ShouldBeOfType<BacsReportResult.Imported>();

        other.Outcomes.ShouldHaveSingleItem().Outcome.ShouldContain("payer's name: the report has 'A JONES', the mandate 'J Smith'");
        same.Outcomes.ShouldHaveSingleItem().Outcome.ShouldStartWith("cancelled");
    }

    [Fact]
    public async Task An_ADDACS_with_no_mandate_of_that_reference_goes_to_an_officer()
    {
        await SetOriginatorAsync();

        var outcome = (await AddacsAsync(BacsCorpus.Addacs("CT599999999", sun: "123456"))).ShouldBeOfType<BacsReportResult.Imported>().Outcomes.ShouldHaveSingleItem();

        outcome.MandateId.ShouldBeNull();
        (await WorkItemsAsync()).ShouldHaveSingleItem().Difference.ShouldBe("no mandate has the reference CT599999999");
    }

    [Fact]
    public async Task An_ARUDD_item_whose_payer_sort_code_differs_is_not_reversed_and_goes_to_an_officer()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await CollectedMandateAsync(account);
        var xml = BacsCorpus.Edit(BacsCorpus.Text(BacsCorpus.RealisticArudd), ("REFERENCE", mandate.Reference), ("sortCode=\"08-99-99\"", "sortCode=\"20-29-59\""));

        var report = (await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", Encoding.UTF8.GetBytes(xml), Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        report.ReversedCount.ShouldBe(0);
        report.Outcomes.ShouldHaveSingleItem().Outcome.ShouldContain("sort code: the report has 20-29-59, the mandate 08-99-99");
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(900_00));
        (await MandateAsync(mandate.MandateId))!.Status.ShouldBe(MandateStatus.Active);
        (await ReadAsync(c => c.ExecuteScalarAsync<string>("select status from dd_collection"))).ShouldBe("collected");
        var item = (await WorkItemsAsync()).ShouldHaveSingleItem();
        (item.Kind, item.Reason).ShouldBe((BacsReportKind.Arudd, "ARUDD 1012 INSTRUCTION CANCELLED"));
    }

    [Fact]
    public async Task A_re_generated_ARUDD_with_a_new_advice_number_reverses_nothing_again()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        var mandate = await CollectedMandateAsync(account);
        var xml = BacsCorpus.Edit(BacsCorpus.Text(BacsCorpus.RealisticArudd), ("REFERENCE", mandate.Reference));
        var regenerated = BacsCorpus.Edit(xml, ("adviceNumber=\"000\"", "adviceNumber=\"001\""), ("currentProcessingDate=\"2025-05-02\"", "currentProcessingDate=\"2025-05-06\""));

        await ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", Encoding.UTF8.GetBytes(xml), Officer, Now);
        var again = (await ImportAruddReport.ImportAsync(Db, Council, "arudd-again.xml", Encoding.UTF8.GetBytes(regenerated), Officer, Now))
            .ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        again.ReversedCount.ShouldBe(0);
        again.Outcomes.ShouldHaveSingleItem().Duplicate.ShouldBeTrue();
        (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Reversal).ShouldBe(1);
        (await WorkItemsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_re_sent_AUDDIS_report_reports_its_advices_as_already_received()
    {
        await InTransactionAsync(async (c, tx) =>
        {
            await Mandates.SetOriginatorAsync(c, tx, Council, new DirectDebitOriginator(Council1 with { ServiceUserNumber = BacsCorpus.SoSureSun }, 3));
            return 0;
        });
        var accepted = BacsCorpus.Bytes(BacsCorpus.SoSureAuddis);
        var resent = Encoding.UTF8.GetBytes(BacsCorpus.Edit(BacsCorpus.Text(BacsCorpus.SoSureAuddis), ("report-generation-date=\"2018-02-15\"", "report-generation-date=\"2018-02-16\"")));

        var first = (await ImportAuddisReport.ImportAsync(Db, Council, "auddis.xml", accepted, Officer, Now)).ShouldBeOfType<BacsReportResult.Imported>();
        var again = (await ImportAuddisReport.ImportAsync(Db, Council, "auddis-2.xml", resent, Officer, Now)).ShouldBeOfType<BacsReportResult.Imported>();

        first.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe("file 000010 of 2018-02-16: 1 accepted, 0 rejected");
        again.Outcomes.ShouldHaveSingleItem().Duplicate.ShouldBeTrue();
    }

    [Fact]
    public async Task An_officer_resolves_a_work_item_with_a_note_and_it_leaves_the_list()
    {
        await SetOriginatorAsync();
        await AddacsAsync(BacsCorpus.Addacs("CT599999999", sun: "123456"));
        var item = (await WorkItemsAsync()).ShouldHaveSingleItem();
        var key = item.WorkItemId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await QueuedAsync(BacsWorkItems.WorkSource, key)).ShouldNotBeNull().State.ShouldBe(Reeve.Work.WorkState.Open);

        var blank = await BacsWorkItems.ResolveAsync(Db, Council, item.WorkItemId, " ", Officer, Now);
        var resolved = await BacsWorkItems.ResolveAsync(Db, Council, item.WorkItemId, "Another council's payer: told the bank", Officer, Now);
        var twice = await BacsWorkItems.ResolveAsync(Db, Council, item.WorkItemId, "again", Officer, Now);

        blank.ShouldBeOfType<Outcome<BacsWorkItem>.Invalid>().Field.ShouldBe("note");
        resolved.ShouldBeOfType<Outcome<BacsWorkItem>.Done>().Value.Open.ShouldBeFalse();
        twice.ShouldBeOfType<Outcome<BacsWorkItem>.Conflict>();
        (await WorkItemsAsync()).ShouldBeEmpty();
        (await QueuedAsync(BacsWorkItems.WorkSource, key))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
    }

    [Fact]
    public async Task Each_genuine_report_is_imported_for_its_own_service_user_and_refused_for_another()
    {
        await SetOriginatorAsync();
        var refusedAddacs = await ImportAddacsReport.ImportAsync(Db, Council, "ADDACS.xml", BacsCorpus.Bytes(BacsCorpus.SoSureAddacs), Officer, Now);
        var refusedAuddis = await ImportAuddisReport.ImportAsync(Db, Council, "AUDDIS-error.xml", BacsCorpus.Bytes(BacsCorpus.SoSureAuddisError), Officer, Now);
        refusedAddacs.ShouldBeOfType<BacsReportResult.Refused>().Message.ShouldContain("176198");
        refusedAuddis.ShouldBeOfType<BacsReportResult.Refused>().Message.ShouldContain("176198");

        await InTransactionAsync(async (c, tx) =>
        {
            await Mandates.SetOriginatorAsync(c, tx, Council, new DirectDebitOriginator(Council1 with { ServiceUserNumber = BacsCorpus.SoSureSun }, 3));
            return 0;
        });
        var addacs = (await ImportAddacsReport.ImportAsync(Db, Council, "ADDACS.xml", BacsCorpus.Bytes(BacsCorpus.SoSureAddacs), Officer, Now))
            .ShouldBeOfType<BacsReportResult.Imported>();
        var auddis = (await ImportAuddisReport.ImportAsync(Db, Council, "AUDDIS-error.xml", BacsCorpus.Bytes(BacsCorpus.SoSureAuddisError), Officer, Now))
            .ShouldBeOfType<BacsReportResult.Imported>();

        addacs.Outcomes.ShouldHaveSingleItem().Outcome.ShouldContain("no mandate has the reference SOSURE01");
        auddis.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe("file 000009 of 2018-02-15 rejected whole: User Status is TEST on Arrival Day; for an officer to lodge again");
        (await WorkItemsAsync()).ShouldHaveSingleItem().Reference.ShouldBe("SOSURE01");
    }
}
