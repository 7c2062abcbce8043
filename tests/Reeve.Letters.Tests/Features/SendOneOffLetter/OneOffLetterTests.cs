using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class OneOffLettersOnSqlite() : OneOffLetterTests(new SqliteEngine());

public sealed class OneOffLettersOnPostgres() : OneOffLetterTests(new PostgresEngine());

public abstract class OneOffLetterTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    [Theory]
    [InlineData("dd-unpaid")]
    [InlineData("dd-cancelled")]
    [InlineData("refund")]
    [InlineData("arrangement")]
    public async Task A_letter_about_an_event_cannot_be_sent_by_hand_when_none_was_written_for_the_account(string code)
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        var type = LetterTypes.FromCode(code);

        var outcome = await ReadAsync(c => OneOffLetters.SendAsync(c, Council, account.AccountId, type, new LocalDate(2026, 5, 12), "form-1", "a.clerk", Now));

        var invalid = outcome.ShouldBeOfType<Outcome<StoredNotice>.Invalid>();
        invalid.Field.ShouldBe("type");
        invalid.Message.ShouldContain("none to send again");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"))).ShouldBe(0);
    }

    [Fact]
    public void Reminders_final_notices_summonses_and_bills_may_be_written_by_hand()
    {
        LetterTypes.All.Where(t => !OneOffLetters.RepeatsAnEvent(t)).ShouldBe(
            [LetterType.DemandNotice, LetterType.Reminder, LetterType.FinalNotice, LetterType.Summons], ignoreOrder: true);
    }
}
