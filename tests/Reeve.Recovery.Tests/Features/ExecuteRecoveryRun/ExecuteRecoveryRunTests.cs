using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>The worked timelines of the regulations, played through runs prepared, approved and executed on each day.</summary>
public abstract class ExecuteRecoveryRunTests(IDatabaseEngine engine) : RecoveryRunScenario(engine)
{
    [Fact]
    public async Task A_missed_instalment_paid_after_the_reminder_ends_with_the_reminder()
    {
        // CTAE Regs 1992 reg 23(1): a reminder for the missed May instalment; paid within its 7 days, so reg 23(3) never bites.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");

        var first = await RunOnAsync("2025-05-08");
        await PayAsync(account, "2025-05-12", "150.00");
        await PayAsync(account, "2025-06-01", "150.00");
        await RunOnAsync("2025-05-22");
        var later = await RunOnAsync("2025-06-05");

        first.ByStage["first-reminder"].ShouldBe(1);
        first.Lines.Single().Source.ShouldContain("reg 23(1)");
        (await NoticesAsync(account)).ShouldBe([("first-reminder", "2025-05-08", 15_000, 0)]);
        later.ByStage["instalments-lost"].ShouldBe(0);
        // The reminder's letter is queued with it: the sum, 7 days beginning with the day of issue, the balance due on day 15 if not paid.
        var letter = (await ReadAsync(c => Reeve.Letters.LetterRequests.ForAccountAsync(c, Council, account.AccountId))).ShouldHaveSingleItem();
        var reminder = letter.Fields.ShouldBeOfType<Reeve.Letters.ReminderFields>();
        (reminder.ReminderNumber, reminder.SumDue, reminder.PayBy, reminder.BalanceDueIfNotPaid)
            .ShouldBe((1, Money.FromPence(15_000), D("2025-05-14"), D("2025-05-22")));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from account_event where kind = 'recovery-first-reminder'"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_reminder_loses_the_right_to_instalments_and_leads_to_a_summons_with_costs()
    {
        // reg 23(3): unpaid by issue + 6, the whole balance is payable on issue + 14; reg 34: summons 14 days later, costs added at issue.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");

        await RunOnAsync("2025-05-08");
        var lost = await RunOnAsync("2025-05-22");
        var summons = await RunOnAsync("2025-06-05");

        lost.ByStage["instalments-lost"].ShouldBe(1);
        summons.ByStage["summons"].ShouldBe(1);
        summons.Lines.Single().Hearing.ShouldBe("Wealdmoor Magistrates' Court, 30 June 2025");
        (await NoticesAsync(account)).ShouldBe([
            ("first-reminder", "2025-05-08", 15_000, 0),
            ("instalments-lost", "2025-05-22", 135_000, 0),
            ("summons", "2025-06-05", 135_000, 7_000),
        ]);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select amount_pence from ledger_entry where kind = 'costs' and idempotency_key like 'recovery:summons-costs:%'"))).ShouldBe(7_000);
        // The summons letter names the court, the hearing and the costs (reg 34); the loss of instalments sends no letter of its own.
        var letters = await ReadAsync(c => Reeve.Letters.LetterRequests.ForAccountAsync(c, Council, account.AccountId));
        letters.Select(l => l.Type).ShouldBe([Reeve.Letters.LetterType.Reminder, Reeve.Letters.LetterType.Summons]);
        var summonsLetter = letters[1].Fields.ShouldBeOfType<Reeve.Letters.SummonsFields>();
        (summonsLetter.AmountOutstanding, summonsLetter.Costs, summonsLetter.Court, summonsLetter.Hearing.Date)
            .ShouldBe((Money.FromPence(135_000), Money.FromPence(7_000), "Wealdmoor Magistrates' Court", D("2025-06-30")));
    }

    [Fact]
    public async Task A_third_default_after_a_second_reminder_makes_the_balance_payable_the_next_day_without_a_reminder()
    {
        // reg 23(4): two reminders complied with; the August instalment unpaid on 1 August makes the balance payable on 2 August.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        await RunOnAsync("2025-05-08");
        await PayAsync(account, "2025-05-10", "150.00");
        await PayAsync(account, "2025-06-01", "150.00");
        await RunOnAsync("2025-07-08");
        await PayAsync(account, "2025-07-09", "150.00");

        var third = await RunOnAsync("2025-08-04");

        third.ByStage["instalments-lost"].ShouldBe(1);
        third.Lines.Single().Source.ShouldContain("reg 23(4)");
        (await NoticesAsync(account)).Select(n => (n.Step, n.Date, n.Amount)).ShouldBe([
            ("first-reminder", "2025-05-08", 15_000),
            ("second-reminder", "2025-07-08", 15_000),
            ("instalments-lost", "2025-08-02", 90_000),
        ]);
    }

    [Fact]
    public async Task A_held_account_is_skipped_and_the_report_gives_the_holds_reason()
    {
        // SI 2020/1311: no step to recover a moratorium debt while Breathing Space is in force.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(account.AccountId, HoldReason.BreathingSpace, D("2025-05-05"), null, "Standard breathing space notified", "test"), Now));

        var report = await RunOnAsync("2025-05-08");

        report.ByStage["held"].ShouldBe(1);
        report.Lines.Single().Reason.ShouldContain("Breathing Space");
        report.Lines.Single().Reason.ShouldContain("Standard breathing space notified");
        (await NoticesAsync(account)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unpaid_Direct_Debit_counts_as_a_missed_instalment_on_its_due_date()
    {
        // The reversed payment never paid anything, so May was missed on 1 May and reg 23(1) applies.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        await PayAsync(account, "2025-05-01", "150.00");
        await InTransactionAsync(async (c, tx) =>
        {
            var may = await c.ExecuteScalarAsync<long>("select entry_id from ledger_entry where kind = 'payment' and effective_date = @d", new { d = D("2025-05-01") }, tx);
            return await ReverseEntry.ReverseAsync(c, tx, Council, may, D("2025-05-06"), "test", "Direct Debit returned unpaid", Now);
        });

        var report = await RunOnAsync("2025-05-08");

        report.ByStage["first-reminder"].ShouldBe(1);
    }

    [Fact]
    public async Task A_run_that_stopped_part_way_carries_on_without_issuing_anything_twice()
    {
        // Each chunk commits with the run's progress; a resumed run starts after the last committed account.
        var accounts = new List<Account>();
        for (var i = 0; i < 5; i++)
        {
            var account = await ModelAccountAsync();
            await PayAsync(account, "2025-04-01", "150.00");
            accounts.Add(account);
        }

        Today("2025-05-08");
        var prepared = (await PrepareAsync(On("2025-05-08"))).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
        await ApproveAsync(prepared.RunId!.Value, Approver);
        using var stop = new CancellationTokenSource();
        var progress = new StopAfterFirstChunk(stop);
        await Should.ThrowAsync<OperationCanceledException>(() =>
            ExecuteRecoveryRun.HandleAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock, chunkSize: 2, progress, stop.Token));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_notice"))).ShouldBe(2);

        var resumed = (await ExecuteRecoveryRun.HandleAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock, chunkSize: 2))
            .ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
        var again = (await ExecuteRecoveryRun.HandleAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock, chunkSize: 2))
            .ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;

        resumed.NoticesWritten.ShouldBe(3);
        again.NoticesWritten.ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(distinct account_id) from recovery_notice where step = 'first-reminder'"))).ShouldBe(5);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request where letter_type = 'reminder'"))).ShouldBe(5);
    }

    [Fact]
    public async Task A_councils_profile_for_the_year_sets_when_the_reminder_goes_out()
    {
        // reg 23(1) fixes no delay before a reminder; a council that waits 14 days sends the May reminder on 15 May.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        await InTransactionAsync(async (c, tx) =>
            await RecoverySettings.SetProfileAsync(c, tx, Council, AccountKind.CouncilTax, 2025, new RecoveryProfile(14, 14, 14), "test", Now));
        var tooShort = await InTransactionAsync(async (c, tx) =>
            await RecoverySettings.SetProfileAsync(c, tx, Council, AccountKind.CouncilTax, 2026, new RecoveryProfile(7, 14, 13), "test", Now));

        var early = await RunOnAsync("2025-05-08");
        var due = await RunOnAsync("2025-05-15");

        tooShort.ShouldBeOfType<Outcome<ProfileSetting>.Invalid>().Message.ShouldContain("SI 1998/295");
        early.ByStage["first-reminder"].ShouldBe(0);
        due.ByStage["first-reminder"].ShouldBe(1);
    }

    [Fact]
    public async Task Recovery_held_by_a_breathing_space_resumes_with_the_notice_that_was_due_once_it_ends()
    {
        // SI 2020/1311: no reminder while the moratorium lasts; the reminder that was due goes out on the first run after it.
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(account.AccountId, HoldReason.BreathingSpace, D("2025-05-05"), D("2025-05-20"), "Standard Breathing Space BS-10", "test"), Now));

        var during = await RunOnAsync("2025-05-08");
        var after = await RunOnAsync("2025-05-22");

        during.ByStage["held"].ShouldBe(1);
        after.ByStage["first-reminder"].ShouldBe(1);
        (await NoticesAsync(account)).ShouldBe([("first-reminder", "2025-05-22", 15_000L, 0L)]);
    }

    private sealed class StopAfterFirstChunk(CancellationTokenSource stop) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => stop.Cancel();
    }
}

public sealed class ExecuteRecoveryRunOnSqlite() : ExecuteRecoveryRunTests(new SqliteEngine());

public sealed class ExecuteRecoveryRunOnPostgres() : ExecuteRecoveryRunTests(new PostgresEngine());
