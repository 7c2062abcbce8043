using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.People;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class TracedAddressLettersOnSqlite() : TracedAddressLettersTests(new SqliteEngine());

public sealed class TracedAddressLettersOnPostgres() : TracedAddressLettersTests(new PostgresEngine());

public abstract class TracedAddressLettersTests(IDatabaseEngine engine) : DatabaseTest(engine), IDisposable
{
    private static readonly LocalDate IssuedOn = new(2026, 5, 12);
    private static readonly LocalDate ReturnedOn = new(2026, 5, 20);
    private static readonly LocalDate FoundOn = new(2026, 6, 1);
    private static readonly FoundAddress NewHome = new("4 Quarry Close", null, null, "Eastmere", "EM4 2QD");
    private readonly string _folder = Directory.CreateTempSubdirectory("reeve-trace-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(long Account, long Party)> BirchAsync()
    {
        await BilledDwellings.BillAsync(Db, Council, Clock, new BilledDwellings.Dwelling(100_000_000_102, "3 Mill Lane", "WD3 1AA", 'B', "Birch"));
        var account = await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_102);
        var party = await ReadAsync(c => c.ExecuteScalarAsync<long>("select party_id from account_party where council_id = 1 and account_id = @account", new { account }));
        return (account, party);
    }

    private Task QueueReminderAsync(long accountId) => InTransactionAsync(async (c, tx) =>
        (await LetterRequests.RequestAsync(c, tx, new LetterRequest(Council, accountId, IssuedOn, $"run-1/{accountId}/reminder-1",
            new ReminderFields(2026, 1, Money.FromPence(20_000), IssuedOn.PlusDays(6), Money.FromPence(100_000), IssuedOn.PlusDays(14))), Now))
        .ShouldBeOfType<Outcome<QueuedLetter>.Done>());

    // Address 0 is the dwelling itself: the tenant has no other correspondence address.
    private Task<TraceTask> MarkGoneAwayAsync(long party) =>
        InTransactionAsync((c, tx) => ReturnedMail.MarkAsync(c, tx, Council, party, 0, ReturnedOn, "officer-one", Now));

    private Task<Outcome<TracedAddressResult>> FoundAsync(long taskId) =>
        InTransactionAsync((c, tx) => TracedAddressLetters.RecordFoundAsync(c, tx, Council, taskId, NewHome, "Electoral register", FoundOn, "officer-one", Now));

    private async Task<RequestPrintResult> PrintAsync(LocalDate on) =>
        (await RequestPrintRun.PrintAsync(Db, new RequestPrintRun.Options(Council, LetterType.Reminder, on, _folder), Clock))
        .ShouldBeOfType<Outcome<RequestPrintResult>.Done>().Value;

    [Fact]
    public async Task Marking_post_returned_opens_one_trace_task_for_the_person()
    {
        var (_, party) = await BirchAsync();

        var first = await MarkGoneAwayAsync(party);
        var again = await MarkGoneAwayAsync(party);

        again.TaskId.ShouldBe(first.TaskId);
        first.PartyId.ShouldBe(party);
        first.Origin.ShouldBe(TraceOrigin.ReturnedMail);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from trace_task where status = 'open'"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_found_address_clears_the_gone_away_mark_and_queues_the_held_reminder_again_once_to_the_new_address()
    {
        var (account, party) = await BirchAsync();
        await QueueReminderAsync(account);
        var task = await MarkGoneAwayAsync(party);
        (await PrintAsync(IssuedOn)).Held.ShouldHaveSingleItem().AccountId.ShouldBe(account);

        var result = (await FoundAsync(task.TaskId)).ShouldBeOfType<Outcome<TracedAddressResult>.Done>().Value;

        var reissued = result.Reissued.ShouldNotBeNull();
        result.NotReissued.ShouldBeNull();
        reissued.SourceKey.ShouldBe(TracedAddressLetters.SourceKey(task.TaskId, 1));
        reissued.On.ShouldBe(FoundOn);
        // Reg 23(3): the same 7 days beginning with the new day of issue, and the balance a further 8 days on.
        var fields = reissued.Fields.ShouldBeOfType<ReminderFields>();
        fields.PayBy.ShouldBe(FoundOn.PlusDays(6));
        fields.BalanceDueIfNotPaid.ShouldBe(FoundOn.PlusDays(14));
        fields.SumDue.ShouldBe(Money.FromPence(20_000));
        (await ReadAsync(c => ReturnedMail.CurrentAsync(c, Council, party, 0))).ShouldBeNull();
        (await ReadAsync(c => Ledger.AccountEvents.ForAccountAsync(c, Council, account)))
            .Select(e => e.Kind).ShouldContain(TracedAddressLetters.ReissuedEventKind);

        (await FoundAsync(task.TaskId)).ShouldBeOfType<Outcome<TracedAddressResult>.Conflict>();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request where source_key like 'trace-%'"))).ShouldBe(1);

        var printed = await PrintAsync(FoundOn);
        printed.Held.ShouldBeEmpty();
        printed.Letters.ShouldHaveSingleItem().Postcode.ShouldBe("EM4 2QD");
        // Printing the old day again does not send the held reminder as well as its re-issue.
        var reprinted = await PrintAsync(IssuedOn);
        reprinted.Letters.ShouldBeEmpty();
        reprinted.Held.ShouldBeEmpty();
        (await ReadAsync(c => NoticeStore.ForAccountAsync(c, Council, account))).Count(n => n.Type == LetterType.Reminder).ShouldBe(1);
    }

    [Fact]
    public async Task A_printed_reminder_that_came_back_is_the_one_sent_again()
    {
        var (account, party) = await BirchAsync();
        await QueueReminderAsync(account);
        (await PrintAsync(IssuedOn)).Letters.ShouldHaveSingleItem();
        var task = await MarkGoneAwayAsync(party);

        var result = (await FoundAsync(task.TaskId)).ShouldBeOfType<Outcome<TracedAddressResult>.Done>().Value;

        result.Reissued.ShouldNotBeNull().Fields.ShouldBeOfType<ReminderFields>().PayBy.ShouldBe(FoundOn.PlusDays(6));
    }

    [Fact]
    public async Task A_trace_an_officer_opened_without_returned_post_re_issues_nothing()
    {
        var (account, party) = await BirchAsync();
        await QueueReminderAsync(account);
        var task = (await InTransactionAsync((c, tx) => TraceTasks.OpenAsync(c, tx, Council, new OpenTrace(party, "Neighbour says she moved", FoundOn, "officer-one"), IssuedOn, "officer-one")))
            .ShouldBeOfType<Outcome<TraceTask>.Done>().Value;

        var result = (await FoundAsync(task.TaskId)).ShouldBeOfType<Outcome<TracedAddressResult>.Done>().Value;

        result.Reissued.ShouldBeNull();
        result.NotReissued.ShouldNotBeNull();
        result.Found.AddressSequence.ShouldBe(1);
    }

    [Fact]
    public void Re_dating_moves_the_periods_to_pay_but_keeps_a_summons_hearing()
    {
        var hearing = new LocalDateTime(2026, 7, 1, 10, 0);
        var summons = new SummonsFields(2026, Money.FromPence(10_000), Money.FromPence(8_050), "Wealdmoor Magistrates' Court", hearing);

        TracedAddressLetters.Redate(summons, IssuedOn, FoundOn).ShouldBe(summons);
        TracedAddressLetters.Redate(new FinalNoticeFields(2026, Money.FromPence(5_000), IssuedOn.PlusDays(7)), IssuedOn, FoundOn)
            .ShouldBeOfType<FinalNoticeFields>().PayBy.ShouldBe(FoundOn.PlusDays(7));
    }
}
