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
/// The model account of the regulations' worked timelines and the recovery team's day: the run is prepared, approved
/// by another Team Leader and executed on each day, each through its own handler. The tests of each use case derive
/// from this.
/// </summary>
public abstract class RecoveryRunScenario(IDatabaseEngine engine) : DatabaseTest(engine)
{
    protected static readonly FinancialYear Year = new(2025);
    protected const string Preparer = "rita.recovery";
    protected const string Approver = "tom.teamleader";

    protected static LocalDate D(string iso) => DateText.Iso.Parse(iso).Value;

    protected static Money M(string amount) => MoneyText.Parse(amount);

    // A 2025/26 council tax bill of £1,500.00 in ten instalments of £150.00 on the 1st of April to January, its
    // charge in the ledger, summons costs £70.00 and liability order costs £40.00, and a court session on 30 June.
    protected async Task<Account> ModelAccountAsync(Account? opened = null)
    {
        var account = opened ?? await Accounts.OpenAsync(Db, Council, Now);
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
                await ScheduleCourtSession.HandleAsync(c, tx, Council, "Wealdmoor Magistrates' Court", D("2025-06-30"), "10:00", 100, D("2025-04-01"), "test", Now);
            }

            return 0;
        });
        return account;
    }

    // The model account with April paid and nothing since, taken by the runs of 8 May, 22 May and 5 June to a summons
    // for the 30 June session.
    protected async Task<Account> SummonedAsync(Account? opened = null)
    {
        var account = await ModelAccountAsync(opened);
        await PayAsync(account, "2025-04-01", "150.00");
        await RunOnAsync("2025-05-08");
        await RunOnAsync("2025-05-22");
        await RunOnAsync("2025-06-05");
        return account;
    }

    protected Task PayAsync(Account account, string date, string amount) => InTransactionAsync(async (c, tx) =>
        await PostEntries.PostAsync(c, tx, [Entries.Payment(account, M(amount)) with { EffectiveDate = D(date) }], Now));

    protected void Today(string date) => Clock.SetTo(D(date).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(9)));

    protected RecoveryRunOptions On(string date) => new(Council, D(date), D(date), Preparer, ChunkSize: 2);

    // Prepare, approve and execute a run for the day, as the recovery team does each business day.
    protected async Task<RecoveryRunReport> RunOnAsync(string date)
    {
        Today(date);
        var prepared = (await PrepareAsync(On(date))).ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
        (await ApproveAsync(prepared.RunId!.Value, Approver)).ShouldBeOfType<Outcome<RecoveryRunSummary>.Done>();
        return (await ExecuteRecoveryRun.HandleAsync(Db, Council, prepared.RunId!.Value, D(date), Preparer, Clock, chunkSize: 2))
            .ShouldBeOfType<Outcome<RecoveryRunReport>.Done>().Value;
    }

    protected Task<Outcome<RecoveryRunReport>> PrepareAsync(RecoveryRunOptions options) =>
        CommitIfDoneAsync((c, tx) => PrepareRecoveryRun.HandleAsync(c, tx, options, Now));

    protected Task<Outcome<RecoveryRunSummary>> ApproveAsync(long runId, string officer) =>
        CommitIfDoneAsync((c, tx) => ApproveRecoveryRun.HandleAsync(c, tx, Council, runId, officer, Now));

    protected Task<Outcome<IReadOnlyList<OutcomeResult>>> RecordOutcomesAsync(long sessionId, params OutcomeEntry[] entries) =>
        CommitIfDoneAsync((c, tx) => RecordHearingOutcomes.HandleAsync(c, tx, Council, sessionId, entries, Approver, Now));

    // As a page or command does: one transaction, committed only when the handler says Done.
    private async Task<Outcome<T>> CommitIfDoneAsync<T>(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<Outcome<T>>> handle)
    {
        await using var connection = await Db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var outcome = await handle(connection, tx);
        if (outcome is Outcome<T>.Done)
        {
            await tx.CommitAsync();
        }

        return outcome;
    }

    protected Task<List<(string Step, string Date, long Amount, long Costs)>> NoticesAsync(Account account) => ReadAsync(async c =>
        (await c.QueryAsync<(string, LocalDate, long, long)>(
            "select step, notice_date, amount_pence, costs_pence from recovery_notice where council_id = 1 and account_id = @account order by notice_date, notice_id",
            new { account = account.AccountId }))
        .Select(n => (n.Item1, DateText.Iso.Format(n.Item2), n.Item3, n.Item4)).ToList());
}
