using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Letters.Tests;

public sealed class BillNoticeOnSqlite() : BillNoticeTests(new SqliteEngine());

public sealed class BillNoticeOnPostgres() : BillNoticeTests(new PostgresEngine());

/// <summary>
/// Letters lays out and renders a bill's notice that the account's debt stream composes (Council Tax, registered
/// for these tests as the app registers it).
/// </summary>
public abstract class BillNoticeTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    [Fact]
    public async Task Pdftotext_reads_the_council_tax_notice_composed_for_a_billed_dwelling_with_the_reference_and_amounts_in_order()
    {
        await BilledDwellings.BillAsync(Db, Council, Clock, new BilledDwellings.Dwelling(100_000_000_100, "1 Mill Lane", "WD1 1AB", 'C', "Lee"));
        var account = await BilledDwellings.AccountOnAsync(Db, Council, 100_000_000_100);
        var composed = await ReadAsync(c => BillNotices.ComposeAsync(c, Council, account, BilledDwellings.Year, BilledDwellings.IssuedOn));
        var notice = composed.ShouldBeOfType<Outcome<DemandNoticeModel>.Done>().Value;
        var pdf = LetterRenderer.WithDefaults().Render(LetterType.DemandNotice, Channel.Letter, notice).Pdf!;

        var text = LetterPdfTests.PdfToText(pdf);
        text.ShouldNotBeNull("pdftotext (poppler-utils) reads the notice; install it to run this test");

        var reference = notice.AccountReference.Value;
        string[] phrases =
        [
            "Test council test", "Ms Ann Lee", "1 Mill Lane", "WD1 1AB", "Account reference", reference, "Council Tax bill 2026/27",
            "valuation band C", "£2,250.00", "£1,500.00", "£1,450.00", "3.4%", "Midshire Fire and Rescue Authority", "£100.00", "new",
            "Adult social care precept", "£200.00", "£180.00", "11.1%", "How your bill is worked out", "£2,000.00", "Amount due", "£1,500.00",
            "single person discount (a year)", "-£500.00", "When to pay", "1 April 2026", "£150.00", "1 January 2027", "£150.00",
            "12 monthly instalments", "Valuation Tribunal", "Payment slip", reference, "£150.00",
        ];
        text.ShouldReadInOrder(phrases);

        // pdftotext takes the first cell of the precepts table out of its row, so the county is looked for on its own.
        text.ShouldContain("Midshire County Council");
    }

    [Fact]
    public async Task An_account_of_a_kind_with_no_registered_bill_notice_is_refused_naming_its_kind()
    {
        var account = await Accounts.OpenAsync(Db, Council, Now, AccountKind.Sundry);

        var composed = await ReadAsync(c => BillNotices.ComposeAsync(c, Council, account.AccountId, BilledDwellings.Year, BilledDwellings.IssuedOn));

        var invalid = composed.ShouldBeOfType<Outcome<DemandNoticeModel>.Invalid>();
        invalid.Field.ShouldBe("account");
        invalid.Message.ShouldBe($"{account.Reference.Value} is a Sundry debt account, and no bill notice is registered for that kind");
    }

    [Fact]
    public async Task A_missing_account_is_not_found()
    {
        var composed = await ReadAsync(c => BillNotices.ComposeAsync(c, Council, 404, BilledDwellings.Year, BilledDwellings.IssuedOn));

        composed.ShouldBeOfType<Outcome<DemandNoticeModel>.NotFound>().What.ShouldBe("account 404");
    }
}
