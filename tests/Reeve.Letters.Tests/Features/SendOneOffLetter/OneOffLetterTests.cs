using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class OneOffLettersOnSqlite() : OneOffLetterTests(new SqliteEngine());

public sealed class OneOffLettersOnPostgres() : OneOffLetterTests(new PostgresEngine());

public abstract class OneOffLetterTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate Today = new(2026, 5, 12);

    public static TheoryData<string> EveryTypeButTheBill() => [.. LetterTypes.All.Where(t => t != LetterType.DemandNotice).Select(t => t.Code())];

    [Theory]
    [MemberData(nameof(EveryTypeButTheBill))]
    public async Task A_letter_cannot_be_previewed_or_sent_by_hand_when_none_was_written_for_the_account(string code)
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        var type = LetterTypes.FromCode(code);

        var preview = await ReadAsync(c => OneOffLetters.PreviewAsync(c, Council, account.AccountId, type, Today));
        var sent = await ReadAsync(c => OneOffLetters.SendAsync(c, Council, account.AccountId, type, Today, "form-1", "a.clerk", Now));

        var refused = preview.ShouldBeOfType<Outcome<LetterPreview>.Invalid>();
        refused.Field.ShouldBe("type");
        refused.Message.ShouldStartWith(NoticeStore.Describe(type));
        refused.Message.ShouldContain("never made from sample figures");
        sent.ShouldBeOfType<Outcome<StoredNotice>.Invalid>().Message.ShouldBe(refused.Message);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_request"))).ShouldBe(0);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from letter_notice"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_summons_is_never_printed_from_sample_fields_and_the_refusal_says_where_one_comes_from()
    {
        // A summons asks for money with costs and names a court: it may only repeat one a recovery notice led to.
        var account = await Accounts.OpenAsync(Db, Council, Now);

        var preview = await ReadAsync(c => OneOffLetters.PreviewAsync(c, Council, account.AccountId, LetterType.Summons, Today));

        var message = preview.ShouldBeOfType<Outcome<LetterPreview>.Invalid>().Message;
        message.ShouldContain("A summons comes only from a recovery notice");
        message.ShouldContain("reeve recovery run");
        message.ShouldNotContain("80.50");
    }

    [Fact]
    public void Only_the_bill_is_made_for_an_account_without_a_letter_written_for_it()
    {
        LetterTypes.All.Where(t => !OneOffLetters.RepeatsAnEvent(t)).ShouldBe([LetterType.DemandNotice]);
    }
}
