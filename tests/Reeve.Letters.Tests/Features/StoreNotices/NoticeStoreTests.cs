using Dapper;
using NodaTime;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class NoticeStoreOnSqlite() : NoticeStoreTests(new SqliteEngine());

public sealed class NoticeStoreOnPostgres() : NoticeStoreTests(new PostgresEngine());

public abstract class NoticeStoreTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LetterRenderer Renderer = LetterRenderer.WithDefaults();
    private static readonly LocalDate IssuedOn = new(2025, 3, 10);

    private static RenderedLetter Bill() => Renderer.Render(LetterType.DemandNotice, Channel.Letter, DemoLetters.DemandNotice);

    private async Task<(Account Account, long EventId)> AccountWithBillingEventAsync()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now);
        var eventId = await InTransactionAsync(async (connection, tx) =>
        {
            await AccountEvents.RecordAsync(connection, tx, Council, account.AccountId, Now, IssuedOn, "annual-bill", "Annual bill 2025/26", "system", null);
            return await connection.ExecuteScalarAsync<long>("select max(event_id) from account_event", transaction: tx);
        });
        return (account, eventId);
    }

    private Task<StoredNotice> RecordAsync(Account account, RenderedLetter letter, long? causedBy) =>
        InTransactionAsync((connection, tx) =>
            NoticeStore.RecordAsync(connection, tx, Council, account.AccountId, letter, IssuedOn, causedBy, "system", Now));

    [Fact]
    public async Task A_sent_notice_is_stored_with_its_hash_linked_to_the_account_and_the_event_that_caused_it()
    {
        var (account, eventId) = await AccountWithBillingEventAsync();
        var letter = Bill();

        var stored = await RecordAsync(account, letter, eventId);

        stored.ContentHash.ShouldBe(NoticeStore.Hash(letter.Pdf!));
        var listed = await ReadAsync(connection => NoticeStore.ForAccountAsync(connection, Council, account.AccountId));
        listed.ShouldHaveSingleItem().ShouldBe(stored);
        listed[0].CausedByEventId.ShouldBe(eventId);
        var content = await ReadAsync(connection => NoticeStore.ContentAsync(connection, Council, stored.ContentHash));
        content.ShouldBe(letter.Pdf);
    }

    [Fact]
    public async Task The_same_bytes_sent_twice_are_stored_once()
    {
        var (account, eventId) = await AccountWithBillingEventAsync();

        var first = await RecordAsync(account, Bill(), eventId);
        var second = await RecordAsync(account, Bill(), eventId);

        second.NoticeId.ShouldNotBe(first.NoticeId);
        second.ContentHash.ShouldBe(first.ContentHash);
        (await ReadAsync(connection => connection.ExecuteScalarAsync<long>("select count(*) from letter_document"))).ShouldBe(1);
    }

    [Fact]
    public async Task Sending_a_notice_puts_it_on_the_account_timeline()
    {
        var (account, eventId) = await AccountWithBillingEventAsync();

        var stored = await RecordAsync(account, Bill(), eventId);

        var timeline = await ReadAsync(connection => AccountEvents.ForAccountAsync(connection, Council, account.AccountId));
        timeline.ShouldContain(e => e.Kind == "notice-sent" && e.Summary == $"Council tax demand notice sent by letter (notice {stored.NoticeId})");
    }

    [Fact]
    public async Task A_reprint_is_the_stored_original_marked_COPY_and_the_original_is_unchanged()
    {
        var (account, eventId) = await AccountWithBillingEventAsync();
        var letter = Bill();
        var stored = await RecordAsync(account, letter, eventId);

        var reprint = await ReadAsync(connection => Reprints.ReprintAsync(connection, Council, stored.NoticeId));

        reprint.ShouldNotBeNull();
        reprint.AsSpan(0, letter.Pdf!.Length).SequenceEqual(letter.Pdf).ShouldBeTrue();
        reprint.Length.ShouldBeGreaterThan(letter.Pdf.Length);
        var original = await ReadAsync(connection => NoticeStore.ContentAsync(connection, Council, stored.ContentHash));
        original.ShouldBe(letter.Pdf);
    }

    [Fact]
    public async Task An_email_notice_keeps_its_text()
    {
        var (account, eventId) = await AccountWithBillingEventAsync();
        var email = Renderer.Render(LetterType.DemandNotice, Channel.Email, DemoLetters.DemandNotice);

        var stored = await RecordAsync(account, email, eventId);

        var content = await ReadAsync(connection => NoticeStore.ContentAsync(connection, Council, stored.ContentHash));
        System.Text.Encoding.UTF8.GetString(content!).ShouldBe(email.Document.ToNotifyMarkdown());
        (await ReadAsync(connection => Reprints.ReprintAsync(connection, Council, stored.NoticeId))).ShouldBeNull();
    }
}
