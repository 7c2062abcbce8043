using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class DueBetweenDefaultOnSqlite() : DueBetweenDefaultTests(new SqliteEngine());

public sealed class DueBetweenDefaultOnPostgres() : DueBetweenDefaultTests(new PostgresEngine());

public abstract class DueBetweenDefaultTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    /// <summary>A stream that gives only its schedule: two instalments a year, due the day each account opened and the day it closed.</summary>
    private sealed class ScheduleOnly : IDebtStream
    {
        public AccountKind Kind => AccountKind.Sundry;

        public RecoveryRegime Regime => RecoveryRegime.CountyCourt;

        public string DueScheduleSql =>
            "select account_id, 2025 as financial_year, 1 as seq, opened_on as due_on, 100 as amount_pence from account where council_id = @council and account_id > @lo and account_id <= @hi " +
            "union all select account_id, 2025 as financial_year, 2 as seq, closed_on as due_on, 200 as amount_pence from account where council_id = @council and account_id > @lo and account_id <= @hi and closed_on is not null";
    }

    private sealed class Due
    {
        public long account_id { get; set; }
        public int seq { get; set; }
        public LocalDate due_on { get; set; }
        public long amount_pence { get; set; }
        public LocalDate? noticed_on { get; set; }
        public long is_last { get; set; }
    }

    [Fact]
    public async Task The_default_gives_the_schedule_due_in_the_window_marks_each_years_last_and_knows_no_notice_day()
    {
        var open = await OpenAccountAsync(AccountKind.Sundry);
        var closed = await OpenAccountAsync(AccountKind.Sundry);
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.CloseAsync(c, tx, Council, closed.AccountId, closed.OpenedOn.PlusDays(3));
            return 0;
        });
        IDebtStream stream = new ScheduleOnly();

        async Task<List<Due>> DueAsync(LocalDate from, LocalDate to) =>
            (await ReadAsync(c => c.QueryAsync<Due>(
                "select account_id, seq, due_on, amount_pence, noticed_on, is_last from (" + stream.DueBetweenSql + ") d order by account_id, seq",
                new { council = Council.Value, lo = 0L, hi = long.MaxValue, asAt = closed.OpenedOn, from, to }))).ToList();

        var onOpening = await DueAsync(open.OpenedOn, open.OpenedOn);
        onOpening.Select(d => (d.account_id, d.seq, d.amount_pence, d.is_last)).ShouldBe([(open.AccountId, 1, 100L, 1L), (closed.AccountId, 1, 100L, 0L)]);
        onOpening.ShouldAllBe(d => d.noticed_on == null);
        (await DueAsync(closed.OpenedOn.PlusDays(1), closed.OpenedOn.PlusDays(3))).Select(d => (d.account_id, d.seq, d.due_on, d.is_last))
            .ShouldBe([(closed.AccountId, 2, closed.OpenedOn.PlusDays(3), 1L)]);
    }
}
