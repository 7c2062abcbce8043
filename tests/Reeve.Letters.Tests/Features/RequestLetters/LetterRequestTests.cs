using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class LetterRequestsOnSqlite() : LetterRequestTests(new SqliteEngine());

public sealed class LetterRequestsOnPostgres() : LetterRequestTests(new PostgresEngine());

public abstract class LetterRequestTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate IssuedOn = new(2026, 5, 12);

    private static ReminderFields Reminder(long pence = 30_400) =>
        new(2026, 1, Money.FromPence(pence), IssuedOn.PlusDays(6), Money.FromPence(180_000), IssuedOn.PlusDays(14));

    private Task<Outcome<QueuedLetter>> RequestAsync(long accountId, string sourceKey, LetterFields fields) =>
        InTransactionAsync((c, tx) => LetterRequests.RequestAsync(c, tx, new LetterRequest(Council, accountId, IssuedOn, sourceKey, fields), Now));

    [Fact]
    public async Task The_same_source_key_twice_queues_one_letter()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);

        var first = (await RequestAsync(account.AccountId, "recovery-run-7/reminder-1", Reminder())).ShouldBeOfType<Outcome<QueuedLetter>.Done>().Value;
        var second = (await RequestAsync(account.AccountId, "recovery-run-7/reminder-1", Reminder())).ShouldBeOfType<Outcome<QueuedLetter>.Done>().Value;

        second.RequestId.ShouldBe(first.RequestId);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"))).ShouldBe(1);
        var queued = await ReadAsync(c => LetterRequests.ForDateAsync(c, Council, LetterType.Reminder, IssuedOn));
        queued.ShouldHaveSingleItem().Fields.ShouldBe(Reminder());
    }

    [Fact]
    public async Task A_batch_queues_each_new_source_key_once_and_leaves_those_already_queued()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        await RequestAsync(account.AccountId, "run-8/a", Reminder());
        LetterRequest Ask(string key) => new(Council, account.AccountId, IssuedOn, key, Reminder());

        var queued = await InTransactionAsync((c, tx) => LetterRequests.RequestManyAsync(c, tx, [Ask("run-8/a"), Ask("run-8/b"), Ask("run-8/b"), Ask("run-8/c")], Now));

        queued.ShouldBeOfType<Outcome<int>.Done>().Value.ShouldBe(2);
        (await ReadAsync(c => c.QueryAsync<string>("select source_key from letter_request order by source_key"))).ShouldBe(["run-8/a", "run-8/b", "run-8/c"]);
    }

    [Fact]
    public async Task A_batch_with_one_refused_request_names_it_and_queues_nothing()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        LetterRequest Ask(string key, ReminderFields fields) => new(Council, account.AccountId, IssuedOn, key, fields);

        var outcome = await InTransactionAsync((c, tx) => LetterRequests.RequestManyAsync(c, tx,
            [Ask("run-9/a", Reminder()), Ask("run-9/b", Reminder() with { PayBy = IssuedOn.PlusDays(5) })], Now));

        outcome.ShouldBeOfType<Outcome<int>.Invalid>().Field.ShouldBe("requests[1].PayBy");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_source_key_reused_for_a_different_letter_is_refused()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        await RequestAsync(account.AccountId, "recovery-run-7/reminder-1", Reminder());

        var outcome = await RequestAsync(account.AccountId, "recovery-run-7/reminder-1", Reminder(99_999));

        outcome.ShouldBeOfType<Outcome<QueuedLetter>.Conflict>().Message.ShouldContain("recovery-run-7/reminder-1");
    }

    [Fact]
    public async Task A_reminder_giving_less_than_seven_days_to_pay_is_refused_and_nothing_is_queued()
    {
        // CTAE Regs 1992 reg 23(3): 7 days beginning with the day of issue, so the pay-by date is issue + 6 at the earliest.
        var account = await Accounts.OpenAsync(Db, Council, Now);

        var outcome = await RequestAsync(account.AccountId, "k", Reminder() with { PayBy = IssuedOn.PlusDays(5) });

        outcome.ShouldBeOfType<Outcome<QueuedLetter>.Invalid>().Field.ShouldBe("PayBy");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"))).ShouldBe(0);
    }

    [Fact]
    public async Task Typed_fields_come_back_from_the_queue_as_they_were_asked_for()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        var summons = new SummonsFields(2026, Money.FromPence(136_808), Money.FromPence(8_050), "Wealdmoor Magistrates' Court", new LocalDateTime(2026, 6, 9, 10, 30));
        var arrangement = new ArrangementFields(Money.FromPence(30_000), [new(new LocalDate(2026, 6, 1), Money.FromPence(15_000)), new(new LocalDate(2026, 7, 1), Money.FromPence(15_000))]);

        await RequestAsync(account.AccountId, "summons", summons);
        await RequestAsync(account.AccountId, "arrangement", arrangement);

        var newest = await ReadAsync(c => LetterRequests.NewestAsync(c, Council, account.AccountId, LetterType.Summons));
        newest.ShouldNotBeNull().Fields.ShouldBe(summons);
        var back = (ArrangementFields)(await ReadAsync(c => LetterRequests.NewestAsync(c, Council, account.AccountId, LetterType.ArrangementLetter)))!.Fields;
        back.Instalments.ShouldBe(arrangement.Instalments);
    }
}

public sealed class LetterFieldRulesTests
{
    private static readonly LocalDate On = new(2026, 5, 12);

    private static string? FieldAtFault(LetterFields fields) => LetterModelBuilder.Check(fields, On, WorkingDays.EnglandAndWales)?.Field;

    [Fact]
    public void A_hearing_less_than_14_days_after_the_summons_is_refused()
    {
        // SI 1998/295 reg 3: at least 14 days between service of the summons and the hearing.
        FieldAtFault(new SummonsFields(2026, Money.FromPounds(500), Money.FromPence(8_050), "Court", On.PlusDays(13).At(new LocalTime(10, 0)))).ShouldBe("Hearing");
        FieldAtFault(new SummonsFields(2026, Money.FromPounds(500), Money.FromPence(8_050), "Court", On.PlusDays(14).At(new LocalTime(10, 0)))).ShouldBeNull();
    }

    [Fact]
    public void A_direct_debit_collection_needs_ten_working_days_notice()
    {
        // Tuesday 12 May 2026 plus 10 working days is Wednesday 27 May: Monday 25 May is the spring bank holiday.
        var tooSoon = new DirectDebitAdvanceNoticeFields(2026, "123456", "5678", [new(new LocalDate(2026, 5, 26), Money.FromPounds(100))]);
        var inTime = tooSoon with { Collections = [new(new LocalDate(2026, 5, 27), Money.FromPounds(100))] };

        FieldAtFault(tooSoon).ShouldBe("Collections");
        FieldAtFault(inTime).ShouldBeNull();
    }

    [Fact]
    public void An_arrangement_whose_payments_do_not_add_up_to_the_amount_is_refused()
    {
        var fields = new ArrangementFields(Money.FromPounds(300), [new(On.PlusMonths(1), Money.FromPounds(100)), new(On.PlusMonths(2), Money.FromPounds(100))]);

        FieldAtFault(fields).ShouldBe("Instalments");
        FieldAtFault(fields with { AmountCovered = Money.FromPounds(200) }).ShouldBeNull();
    }

    [Fact]
    public void The_test_requests_for_every_letter_type_keep_the_rules()
    {
        foreach (var type in LetterTypes.All)
        {
            var written = WrittenLetters.For(type, Money.FromPence(45_678), On);
            written.Type.ShouldBe(type);
            LetterModelBuilder.Check(written, On, WorkingDays.EnglandAndWales).ShouldBeNull(type.Code());
        }
    }
}
