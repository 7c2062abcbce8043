using Dapper;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Recovery.Domain;
using Reeve.TestKit;

namespace Reeve.Recovery.Tests.Features;

/// <summary>
/// The worked timelines of the regulations, played through the recovery run against a database: the run is
/// prepared, approved by another Team Leader and executed on each day, as a recovery team would do it.
/// </summary>
public abstract class RecoveryRunTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly FinancialYear Year = new(2025);
    private const string Preparer = "rita.recovery";
    private const string Approver = "tom.teamleader";

    private static LocalDate D(string iso) => DateText.Iso.Parse(iso).Value;

    private static Money M(string amount) => MoneyText.Parse(amount);

    // A 2025/26 council tax bill of £1,500.00 in ten instalments of £150.00 on the 1st of April to January, its
    // charge in the ledger, summons costs £70.00 and liability order costs £40.00, and a court session on 30 June.
    private async Task<Account> ModelAccountAsync()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        await InTransactionAsync(async (c, tx) =>
        {
            var instalments = Enumerable.Range(0, 10).Select(i => new Instalment(D("2025-04-01").PlusMonths(i), M("150.00"))).ToList();
            await BillStore.InsertAsync(c, tx, Council, new BillVersion(account.AccountId, Year, 1, D("2025-03-10"), M("1500.00"), "annual", "{}", null, instalments), null, Now);
            await PostEntries.PostAsync(c, tx, [Entries.Charge(account, M("1500.00")) with { IdempotencyKey = $"charge:{account.AccountId}" }], Now);
            if (await c.ExecuteScalarAsync<long>("select count(*) from officer") == 0)
            {
                await OfficerStore.CreateAsync(c, tx, Preparer, "Rita Recovery", Role.TeamLeader, Council, [], "a-long-password-1", Now);
                await OfficerStore.CreateAsync(c, tx, Approver, "Tom Teamleader", Role.TeamLeader, Council, [], "a-long-password-2", Now);
                await OfficerStore.CreateAsync(c, tx, "olly.officer", "Olly Officer", Role.Officer, Council, [], "a-long-password-3", Now);
                await RecoverySettings.SetCostsAsync(c, tx, Council, new RecoveryCosts(AccountKind.CouncilTax, D("2025-04-01"), M("70.00"), M("40.00"), "2025/26 costs study"), "test", Now);
                await CourtSessions.AddAsync(c, tx, Council, "Wealdmoor Magistrates' Court", D("2025-06-30"), "10:00", 100, D("2025-04-01"), "test", Now);
            }

            return 0;
        });
        return account;
    }

    // The model account with April paid and nothing since, taken by the runs of 8 May, 22 May and 5 June to a summons
    // for the 30 June session.
    private async Task<Account> SummonedAsync()
    {
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        await RunOnAsync("2025-05-08");
        await RunOnAsync("2025-05-22");
        await RunOnAsync("2025-06-05");
        return account;
    }

    private Task PayAsync(Account account, string date, string amount) => InTransactionAsync(async (c, tx) =>
        await PostEntries.PostAsync(c, tx, [Entries.Payment(account, M(amount)) with { EffectiveDate = D(date) }], Now));

    private void Today(string date) => Clock.SetTo(D(date).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(9)));

    private RecoveryRun.Options On(string date) => new(Council, D(date), D(date), Preparer, ChunkSize: 2);

    // Prepare, approve and execute a run for the day, as the recovery team does each business day.
    private async Task<RecoveryRunReport> RunOnAsync(string date)
    {
        Today(date);
        var prepared = (await RecoveryRun.PrepareAsync(Db, On(date), Now)).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
        (await RecoveryRun.ApproveAsync(Db, Council, prepared.RunId!.Value, Approver, Now)).ShouldBeOfType<Outcome<RecoveryRunSummary>.Done>();
        return (await RecoveryRun.ExecuteAsync(Db, Council, prepared.RunId!.Value, D(date), Preparer, Clock, chunkSize: 2))
            .ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
    }

    private Task<List<(string Step, string Date, long Amount, long Costs)>> NoticesAsync(Account account) => ReadAsync(async c =>
        (await c.QueryAsync<(string, LocalDate, long, long)>(
            "select step, notice_date, amount_pence, costs_pence from recovery_notice where council_id = 1 and account_id = @account order by notice_date, notice_id",
            new { account = account.AccountId }))
        .Select(n => (n.Item1, DateText.Iso.Format(n.Item2), n.Item3, n.Item4)).ToList());

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
        summons.Lines.Single().Hearing.ShouldBe("Wealdmoor Magistrates' Court, 2025-06-30");
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
    public async Task Paying_the_sum_and_costs_before_the_hearing_stops_the_application_without_liability_order_costs()
    {
        // reg 34(5): the outstanding sum and the costs incurred, paid before the hearing, must be accepted; no order, no further costs.
        var account = await SummonedAsync();
        await PayAsync(account, "2025-06-20", "1420.00");
        var other = await ModelAccountAsync();
        await PayAsync(other, "2025-04-01", "150.00");

        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();
        var results = (await CourtSessions.RecordOutcomesAsync(Db, Council, session.SessionId,
            [new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder)], Approver, Now))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>().Value;

        results.Single().Recorded.ShouldBe(HearingOutcome.PaidBeforeHearing);
        results.Single().Costs.ShouldBe(Money.Zero);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where idempotency_key like 'recovery:lo-costs:%'"))).ShouldBe(0);
        var refused = await CourtSessions.RecordOutcomesAsync(Db, Council, session.SessionId,
            [new OutcomeEntry(other.Reference.ToString(), HearingOutcome.LiabilityOrder)], Approver, Now);
        refused.ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Invalid>().Message.ShouldContain("not on the list");
    }

    [Fact]
    public async Task A_liability_order_adds_the_councils_liability_order_costs()
    {
        // reg 34(6)-(7): the order is for the sum and the costs reasonably incurred in obtaining it.
        var account = await SummonedAsync();
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();

        var results = (await CourtSessions.RecordOutcomesAsync(Db, Council, session.SessionId,
            [new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder)], Approver, Now))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>().Value;

        results.Single().Recorded.ShouldBe(HearingOutcome.LiabilityOrder);
        results.Single().Costs.ShouldBe(M("40.00"));
        var list = await ReadAsync(c => CourtSessions.ComplaintListAsync(c, Council, session.SessionId));
        list.Single().Outcome.ShouldBe("liability-order");
        CourtSessions.ComplaintListCsv(session, list).ShouldContain($"{account.Reference},2025/26,");
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
    public async Task The_officer_who_prepared_a_run_cannot_approve_it()
    {
        await ModelAccountAsync();
        Today("2025-05-08");
        var prepared = (await RecoveryRun.PrepareAsync(Db, On("2025-05-08"), Now)).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;

        var byPreparer = await RecoveryRun.ApproveAsync(Db, Council, prepared.RunId!.Value, Preparer, Now);
        var byOfficer = await RecoveryRun.ApproveAsync(Db, Council, prepared.RunId!.Value, "olly.officer", Now);
        var unapproved = await RecoveryRun.ExecuteAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock);

        byPreparer.ShouldBeOfType<Outcome<RecoveryRunSummary>.Invalid>().Message.ShouldContain("another Team Leader");
        byOfficer.ShouldBeOfType<Outcome<RecoveryRunSummary>.Invalid>().Message.ShouldContain("Team Leader or Manager");
        unapproved.ShouldBeOfType<Outcome<RecoveryRunReport>.Conflict>();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_notice"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_run_dated_after_today_or_before_it_is_refused_and_a_preview_writes_nothing()
    {
        var account = await ModelAccountAsync();
        await PayAsync(account, "2025-04-01", "150.00");
        Today("2025-05-08");

        var future = await RecoveryRun.PrepareAsync(Db, On("2025-05-09") with { Today = D("2025-05-08") }, Now);
        var past = await RecoveryRun.PrepareAsync(Db, On("2025-05-07") with { Today = D("2025-05-08") }, Now);
        var preview = (await RecoveryRun.PreviewAsync(Db, On("2025-05-08"))).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;

        future.ShouldBeOfType<Outcome<RecoveryRunReport>.Invalid>().Message.ShouldContain("after today");
        past.ShouldBeOfType<Outcome<RecoveryRunReport>.Invalid>().Message.ShouldContain("has passed");
        preview.ByStage["first-reminder"].ShouldBe(1);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_notice"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_run"))).ShouldBe(0);
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
        var prepared = (await RecoveryRun.PrepareAsync(Db, On("2025-05-08"), Now)).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
        await RecoveryRun.ApproveAsync(Db, Council, prepared.RunId!.Value, Approver, Now);
        using var stop = new CancellationTokenSource();
        var progress = new StopAfterFirstChunk(stop);
        await Should.ThrowAsync<OperationCanceledException>(() =>
            RecoveryRun.ExecuteAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock, chunkSize: 2, progress, stop.Token));
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from recovery_notice"))).ShouldBe(2);

        var resumed = (await RecoveryRun.ExecuteAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock, chunkSize: 2))
            .ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
        var again = (await RecoveryRun.ExecuteAsync(Db, Council, prepared.RunId!.Value, D("2025-05-08"), Preparer, Clock, chunkSize: 2))
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
    public async Task A_profile_is_refused_for_a_kind_whose_debt_stream_is_not_registered()
    {
        // Only Council Tax is registered here (as in the app today): business rates have no stream yet, so nothing
        // of theirs is recovered and no timetable can be set for them.
        var refused = await InTransactionAsync(async (c, tx) =>
            await RecoverySettings.SetProfileAsync(c, tx, Council, AccountKind.BusinessRates, 2025, new RecoveryProfile(7, 14, 14), "test", Now));

        var invalid = refused.ShouldBeOfType<Outcome<ProfileSetting>.Invalid>();
        invalid.Field.ShouldBe("kind");
        invalid.Message.ShouldContain("no such debt stream is registered for Business Rates");
    }

    [Fact]
    public async Task A_liability_order_during_a_breathing_space_adds_no_costs_and_the_refusal_is_on_the_timeline()
    {
        // SI 2020/1311 reg 7: no fees or charges may be added to a moratorium debt while the moratorium lasts.
        var account = await SummonedAsync();
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(account.AccountId, HoldReason.BreathingSpace, D("2025-06-20"), D("2025-08-18"), "Standard Breathing Space BS-9", "test"), Now));
        var session = (await ReadAsync(c => CourtSessions.ListAsync(c, Council))).Single();

        var results = (await CourtSessions.RecordOutcomesAsync(Db, Council, session.SessionId,
            [new OutcomeEntry(account.Reference.ToString(), HearingOutcome.LiabilityOrder)], Approver, Now))
            .ShouldBeOfType<Outcome<IReadOnlyList<OutcomeResult>>.Done>().Value;

        results.Single().Costs.ShouldBe(Money.Zero);
        results.Single().Why.ShouldContain("Breathing Space");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where idempotency_key like 'recovery:lo-costs:%'"))).ShouldBe(0);
        var refusal = (await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId))).Single(e => e.Kind == Moratoriums.RefusedKind);
        refusal.Summary.ShouldContain("Liability order costs of £40.00");
        refusal.SourceRule.ShouldBe(Moratoriums.Regulation);
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

public sealed class RecoveryRunOnSqlite() : RecoveryRunTests(new SqliteEngine());

public sealed class RecoveryRunOnPostgres() : RecoveryRunTests(new PostgresEngine());
