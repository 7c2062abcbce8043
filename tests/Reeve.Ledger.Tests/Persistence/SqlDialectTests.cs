#pragma warning disable IDE1006 // column names as the database spells them
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class SqlDialectOnSqlite() : SqlDialectTests(new SqliteEngine());

public sealed class SqlDialectOnPostgres() : SqlDialectTests(new PostgresEngine());

/// <summary>The persistence seam: typed values through Dapper and the dialect's differences, on each engine.</summary>
public abstract class SqlDialectTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate Day = new(2025, 2, 28);

    // Microseconds: the finest a timestamptz keeps.
    private static readonly Instant At = Instant.FromUtc(2025, 4, 1, 9, 30, 15).PlusNanoseconds(123_456_000);

    private string Ddl => Engine.Provider == DatabaseProvider.Postgres
        ? "create table probe (id bigint primary key, day date not null, until date, at timestamptz not null, amount_pence bigint not null, reason text not null)"
        : "create table probe (id integer primary key, day text not null, until text, at text not null, amount_pence integer not null, reason text not null)";

    private static readonly BulkTable<Probe> Shape = new BulkTable<Probe>()
        .Int8("id", p => p.id).Date("day", p => p.day).Date("until", p => p.until).Instant("at", p => p.at)
        .Money("amount_pence", p => p.amount_pence).Text("reason", p => p.reason);

    [Fact]
    public async Task Dates_instants_money_and_coded_enums_go_in_as_parameters_and_come_back_as_typed_row_properties()
    {
        await CreateProbeAsync();
        await InTransactionAsync((c, tx) => c.ExecuteAsync(
            "insert into probe (id, day, until, at, amount_pence, reason) values (@id, @day, @until, @at, @amount, @reason)",
            new[]
            {
                new { id = 1L, day = Day, until = (LocalDate?)Day.PlusDays(59), at = At, amount = Money.FromPence(-12_345), reason = HoldReason.BreathingSpace.Code() },
                new { id = 2L, day = Day.PlusDays(1), until = (LocalDate?)null, at = At.Plus(Duration.FromHours(1)), amount = Money.FromPence(5), reason = HoldReason.Dispute.Code() },
            },
            tx));

        var rows = (await ReadAsync(c => c.QueryAsync<Probe>("select id, day, until, at, amount_pence, reason from probe order by id"))).ToList();

        rows.Count.ShouldBe(2);
        rows[0].day.ShouldBe(Day);
        rows[0].until.ShouldBe(new LocalDate(2025, 4, 28));
        rows[0].at.ShouldBe(At);
        rows[0].amount_pence.ShouldBe(Money.FromPence(-12_345));
        HoldReasons.FromCode(rows[0].reason).ShouldBe(HoldReason.BreathingSpace);
        rows[1].day.ShouldBe(new LocalDate(2025, 3, 1));
        rows[1].until.ShouldBeNull();
        rows[1].at.ShouldBe(At.Plus(Duration.FromHours(1)));
        HoldReasons.FromCode(rows[1].reason).ShouldBe(HoldReason.Dispute);
    }

    [Fact]
    public async Task Aggregates_read_as_typed_scalars_whatever_type_the_engine_gives_them()
    {
        await CreateProbeAsync();
        await WriteAllAsync([new Probe(1, Day, null, At, Money.FromPence(250), "claim"), new Probe(2, Day.PlusDays(3), null, At, Money.FromPence(-40), "claim")]);

        // A sum of bigints is numeric on PostgreSQL and an integer on SQLite; max of a date is a date or text.
        var total = await ReadAsync(c => c.ExecuteScalarAsync<Money>("select sum(amount_pence) from probe"));
        var last = await ReadAsync(c => c.ExecuteScalarAsync<LocalDate>("select max(day) from probe"));
        var none = await ReadAsync(c => c.ExecuteScalarAsync<LocalDate?>("select max(until) from probe"));

        total.ShouldBe(Money.FromPence(210));
        last.ShouldBe(new LocalDate(2025, 3, 3));
        none.ShouldBeNull();
    }

    [Fact]
    public async Task Bulk_writing_then_writing_new_rows_skips_those_already_there_and_keeps_every_value()
    {
        await CreateProbeAsync();
        var first = Enumerable.Range(1, 5).Select(i => new Probe(i, Day.PlusDays(i), i % 2 == 0 ? Day : null, At.Plus(Duration.FromSeconds(i)), Money.FromPence(i * 100), "appeal")).ToList();
        await WriteAllAsync(first);

        // Ids 4 and 5 are there already: on PostgreSQL the copy is refused and the batch goes row by row.
        var again = Enumerable.Range(4, 4).Select(i => new Probe(i, Day, null, At, Money.FromPence(1), "officer")).ToList();
        var written = await InTransactionAsync((c, tx) => SqlDialect.Of(c).WriteNewAsync(c, tx, "probe", Shape, again, "id", "probe_pkey", copyFrom: 1));

        written.Select(p => p.id).ShouldBe([6L, 7L]);
        var rows = (await ReadAsync(c => c.QueryAsync<Probe>("select id, day, until, at, amount_pence, reason from probe order by id"))).ToList();
        rows.Select(r => r.id).ShouldBe([1L, 2L, 3L, 4L, 5L, 6L, 7L]);
        rows.Take(5).ShouldBe(first);
        rows[5].ShouldBe(again[2]);
    }

    [Fact]
    public async Task Day_arithmetic_and_list_parameters_mean_the_same_on_either_engine()
    {
        await CreateProbeAsync();
        await WriteAllAsync([.. Enumerable.Range(1, 4).Select(i => new Probe(i, Day, null, At, Money.FromPence(i), "claim"))]);

        var dialect = SqlDialect.Of(Engine.Provider);
        var due = await ReadAsync(c => c.QueryAsync<LocalDate>(
            $"select {dialect.AddDays("day", "id * 2")} from probe where id {dialect.AnyOf("ids")} order by id", new { ids = new long[] { 1, 3 } }));
        var claimed = await InTransactionAsync((c, tx) => c.QueryAsync<long>(
            $"select id from probe where amount_pence > @least order by id limit 2{dialect.ForUpdateSkipLocked}", new { least = Money.FromPence(1) }, tx));

        due.ShouldBe([new LocalDate(2025, 3, 2), new LocalDate(2025, 3, 6)]);
        claimed.ShouldBe([2L, 3L]);
    }

    [Fact]
    public async Task Widening_the_page_cache_sets_sqlites_cache_for_the_connection_and_leaves_postgresql_as_it_is()
    {
        var sqlite = Engine.Provider == DatabaseProvider.Sqlite;
        var (before, after) = await InTransactionAsync(async (c, tx) =>
        {
            // On PostgreSQL there is no per-connection page cache: the server's shared buffers stay what they were.
            var ask = sqlite ? "pragma cache_size" : "select setting::bigint from pg_settings where name = 'shared_buffers'";
            var was = await c.ExecuteScalarAsync<long>(ask, transaction: tx);
            await SqlDialect.Of(c).WidenPageCacheAsync(c, tx, 256);
            return (was, await c.ExecuteScalarAsync<long>(ask, transaction: tx));
        });

        before.ShouldNotBe(-262_144);
        after.ShouldBe(sqlite ? -262_144 : before);
    }

    private Task<bool> WriteAllAsync(IReadOnlyList<Probe> rows) => InTransactionAsync(async (c, tx) =>
    {
        await SqlDialect.Of(c).WriteAllAsync(c, tx, "probe", Shape, rows);
        return true;
    });

    private Task<int> CreateProbeAsync() => InTransactionAsync((c, tx) => c.ExecuteAsync(Ddl, transaction: tx));

    private sealed record Probe(long id, LocalDate day, LocalDate? until, Instant at, Money amount_pence, string reason)
    {
        // Dapper fills a row through its properties; it matches a constructor only by the engine's own types.
        public Probe()
            : this(0, default, null, default, default, "")
        {
        }
    }
}
