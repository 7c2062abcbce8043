using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class LetterTypeCouncilsOnSqlite() : LetterTypeCouncilsTests(new SqliteEngine());

public sealed class LetterTypeCouncilsOnPostgres() : LetterTypeCouncilsTests(new PostgresEngine());

public abstract class LetterTypeCouncilsTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    [Fact]
    public async Task The_councils_that_asked_for_letters_of_a_type_are_named_once_each()
    {
        var other = await Councils.SeedOtherAsync(Db, Now);
        var ours = await Accounts.OpenAsync(Db, Council, Now);
        var theirs = await Accounts.OpenAsync(Db, other, Now);
        var on = new LocalDate(2026, 5, 12);
        var reminder = new ReminderFields(2026, 1, Money.FromPence(30_400), on.PlusDays(6), Money.FromPence(180_000), on.PlusDays(14));
        await InTransactionAsync((c, tx) => LetterRequests.RequestManyAsync(c, tx,
            [new LetterRequest(Council, ours.AccountId, on, "a", reminder), new LetterRequest(Council, ours.AccountId, on, "b", reminder),
             new LetterRequest(other, theirs.AccountId, on, "c", reminder)], Now));

        (await ReadAsync(c => LetterTypeCouncils.HoldingAsync(c, LetterType.Reminder))).ShouldBe([Council, other]);
        (await ReadAsync(c => LetterTypeCouncils.HoldingAsync(c, LetterType.FinalNotice))).ShouldBeEmpty();
    }
}
