using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests.Features.ReadPayments;

public sealed class PaymentEntriesOnSqlite() : PaymentEntriesTests(new SqliteEngine());

public sealed class PaymentEntriesOnPostgres() : PaymentEntriesTests(new PostgresEngine());

public abstract class PaymentEntriesTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly LocalDate May1 = new(2025, 5, 1);

    private static NewEntry Payment(Account account, long pence, string? key, LocalDate? on = null, string reason = "Bank credit") =>
        Entries.Payment(account, Money.FromPence(pence)) with { IdempotencyKey = key, EffectiveDate = on ?? May1, Reason = reason };

    [Fact]
    public async Task Payments_are_found_by_key_prefix_taken_literally_and_not_other_kinds_or_councils()
    {
        var account = await OpenAccountAsync();
        var posted = Posted(await PostAsync(
            Payment(account, 100, "payment:abc:1"),
            Payment(account, 200, "payment:abc:1:2024"),
            Payment(account, 300, "payment:abd:1"),
            Payment(account, 400, "payment:a_c:1"),
            Entries.Charge(account, Money.FromPence(500)) with { IdempotencyKey = "payment:abc:9" })).Posted;

        var found = await ReadAsync(c => PaymentEntries.KeyedFromAsync(c, Council, "payment:abc:"));
        var underscore = await ReadAsync(c => PaymentEntries.KeyedFromAsync(c, Council, "payment:a_c:"));

        found.ShouldBe([new KeyedPayment(posted[0].EntryId, "payment:abc:1", Money.FromPence(100)), new KeyedPayment(posted[1].EntryId, "payment:abc:1:2024", Money.FromPence(200))]);
        underscore.Select(p => p.Key).ShouldBe(["payment:a_c:1"]);
        (await ReadAsync(c => PaymentEntries.KeyedFromAsync(c, new CouncilId(2), "payment:"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Payments_of_a_day_are_listed_with_their_keys_or_none()
    {
        var account = await OpenAccountAsync();
        Posted(await PostAsync(Payment(account, 100, "card:1"), Payment(account, 200, null), Payment(account, 300, "card:2", May1.PlusDays(1))));

        var day = await ReadAsync(c => PaymentEntries.OnDayAsync(c, Council, May1));

        day.Select(p => (p.Key, p.Amount)).ShouldBe([("card:1", Money.FromPence(100)), (null, Money.FromPence(200))]);
    }

    [Fact]
    public async Task The_standing_payment_is_one_not_reversed_preferring_the_reason_asked_for()
    {
        var account = await OpenAccountAsync();
        var posted = Posted(await PostAsync(
            Payment(account, 100_00, "a", reason: "Card payment"),
            Payment(account, 100_00, "b", reason: "Direct Debit collection"),
            Payment(account, 100_00, "c", reason: "Direct Debit collection"))).Posted;
        await InTransactionAsync((c, tx) => ReverseEntry.ReverseAsync(c, tx, Council, posted[1].EntryId, May1, "jsmith", "Returned", Now));

        var standing = await ReadAsync(c => PaymentEntries.StandingAsync(c, Council, account.AccountId, Money.FromPence(100_00), May1, "Direct Debit"));
        var otherDay = await ReadAsync(c => PaymentEntries.StandingAsync(c, Council, account.AccountId, Money.FromPence(100_00), May1.PlusDays(1), "Direct Debit"));

        standing.ShouldBe(posted[2].EntryId);
        otherDay.ShouldBeNull();
    }
}
