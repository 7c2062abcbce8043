using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class BreathingSpaceRefusalOnSqlite() : BreathingSpaceRefusalTests(new SqliteEngine());

public sealed class BreathingSpaceRefusalOnPostgres() : BreathingSpaceRefusalTests(new PostgresEngine());

/// <summary>SI 2020/1311 reg 7 and reg 11(1): no payment demand for a moratorium debt while the moratorium lasts.</summary>
public abstract class BreathingSpaceRefusalTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate HoldFrom = new(2026, 5, 1);
    private static readonly LocalDate HoldTo = new(2026, 6, 29);
    private static readonly LocalDate IssuedOn = new(2026, 5, 12);

    private static ReminderFields Reminder(LocalDate on) =>
        new(2026, 1, Money.FromPence(30_400), on.PlusDays(6), Money.FromPence(180_000), on.PlusDays(14));

    private async Task<Account> HeldAccountAsync(HoldReason reason = HoldReason.BreathingSpace)
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(account.AccountId, reason, HoldFrom, HoldTo, "Standard Breathing Space BS-1 notified", "test"), Now));
        return account;
    }

    private Task<Outcome<QueuedLetter>> RequestAsync(long accountId, LocalDate on, string key, LetterFields fields) =>
        InTransactionAsync((c, tx) => LetterRequests.RequestAsync(c, tx, new LetterRequest(Council, accountId, on, key, fields), Now));

    private Task<List<AccountEvent>> RefusalsAsync(Account account) =>
        ReadAsync(async c => (await AccountEvents.ForAccountAsync(c, Council, account.AccountId)).Where(e => e.Kind == Moratoriums.RefusedKind).ToList());

    private Task<long> QueuedAsync() => ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"));

    [Fact]
    public async Task A_reminder_for_an_account_in_a_breathing_space_is_refused_queued_nowhere_and_logged_with_the_regulation()
    {
        var account = await HeldAccountAsync();

        var outcome = await RequestAsync(account.AccountId, IssuedOn, "recovery:reminder-1", Reminder(IssuedOn));

        var refusal = outcome.ShouldBeOfType<Outcome<QueuedLetter>.Conflict>().Message;
        Moratoriums.IsRefusal(refusal).ShouldBeTrue();
        refusal.ShouldContain("Breathing Space");
        (await QueuedAsync()).ShouldBe(0);
        var logged = (await RefusalsAsync(account)).ShouldHaveSingleItem();
        logged.Summary.ShouldContain("reminder letter dated 12 May 2026");
        logged.SourceRule.ShouldNotBeNull().ShouldContain("SI 2020/1311 reg 7");
        logged.EffectiveDate.ShouldBe(IssuedOn);
    }

    [Fact]
    public async Task A_mental_health_crisis_moratorium_refuses_a_summons_letter_too()
    {
        var account = await HeldAccountAsync(HoldReason.MentalHealthCrisis);
        var summons = new SummonsFields(2026, Money.FromPence(136_808), Money.FromPence(8_050), "Wealdmoor Magistrates' Court", new LocalDateTime(2026, 6, 9, 10, 0));

        var outcome = await RequestAsync(account.AccountId, IssuedOn, "recovery:summons", summons);

        outcome.ShouldBeOfType<Outcome<QueuedLetter>.Conflict>().Message.ShouldContain("Mental health crisis");
        (await QueuedAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_demand_notice_for_a_new_charge_still_goes_during_the_breathing_space()
    {
        // Ongoing liability is not a moratorium debt and must still be paid (SI 2020/1311 reg 16(2)(b)): billing goes on.
        var account = await HeldAccountAsync();

        var outcome = await RequestAsync(account.AccountId, IssuedOn, "bill:2026", new DemandNoticeFields(2026));

        outcome.ShouldBeOfType<Outcome<QueuedLetter>.Done>();
        (await RefusalsAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reminder_dated_after_the_breathing_space_ends_is_queued()
    {
        var account = await HeldAccountAsync();

        var outcome = await RequestAsync(account.AccountId, HoldTo.PlusDays(1), "recovery:reminder-after", Reminder(HoldTo.PlusDays(1)));

        outcome.ShouldBeOfType<Outcome<QueuedLetter>.Done>();
        (await RefusalsAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_batch_leaves_out_and_logs_the_held_accounts_reminder_and_queues_the_others()
    {
        var held = await HeldAccountAsync();
        var free = await Accounts.OpenAsync(Db, Council, Now);

        var outcome = await InTransactionAsync((c, tx) => LetterRequests.RequestManyAsync(c, tx,
            [new LetterRequest(Council, held.AccountId, IssuedOn, "run/held", Reminder(IssuedOn)), new LetterRequest(Council, free.AccountId, IssuedOn, "run/free", Reminder(IssuedOn))],
            Now));

        outcome.ShouldBeOfType<Outcome<int>.Done>().Value.ShouldBe(1);
        (await ReadAsync(c => c.QueryAsync<string>("select source_key from letter_request"))).ShouldBe(["run/free"]);
        (await RefusalsAsync(held)).ShouldHaveSingleItem().Summary.ShouldContain("run/held");
        (await RefusalsAsync(free)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missed_arrangement_payment_in_a_breathing_space_queues_no_letter_and_monitoring_goes_on()
    {
        var account = await HeldAccountAsync();
        var arrangement = new Reeve.People.Arrangement(7, 1, 1, null, "kept", Reeve.People.Frequency.Monthly, Money.FromPence(30_000), IssuedOn, "test", 1, null, null, null,
            [new Reeve.People.AccountShare(account.AccountId, account.Reference.Value, Money.FromPence(30_000), Money.FromPence(15_000))],
            [new Reeve.People.Instalment(1, IssuedOn, Money.FromPence(15_000)), new Reeve.People.Instalment(2, IssuedOn.PlusMonths(1), Money.FromPence(15_000))]);

        await InTransactionAsync(async (c, tx) =>
        {
            await ArrangementLetters.RequestMissedPaymentAsync(c, tx, arrangement, IssuedOn.PlusDays(3), Council, Now);
            return 0;
        });

        (await QueuedAsync()).ShouldBe(0);
        (await RefusalsAsync(account)).ShouldHaveSingleItem().Summary.ShouldContain("arrangement letter");
    }

    [Fact]
    public void Only_letters_asking_for_what_is_owed_count_as_payment_demands()
    {
        LetterTypes.All.Where(LetterRequests.DemandsPayment).ShouldBe(
            [LetterType.Reminder, LetterType.FinalNotice, LetterType.Summons, LetterType.ArrangementLetter, LetterType.DirectDebitUnpaid,
             LetterType.InformationRequest], ignoreOrder: true);
    }
}
