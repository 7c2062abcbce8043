using System.Net;

namespace Reeve.Web.Tests;

/// <summary>
/// Over HTTP, a letter that asks for money or names a court cannot be previewed, printed or sent from sample fields:
/// a summons comes only from a recovery notice.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OneOffLetterHttpTests(ReeveAppFixture app)
{
    // An account of the home council with no summons written for it.
    private Task<string> AccountWithoutASummonsAsync() => app.QueryAsync<string>(
        "select a.reference from account a where a.council_id = @c and exists (select 1 from account_party p where p.council_id = a.council_id and p.account_id = a.account_id) " +
        "and not exists (select 1 from letter_request r where r.council_id = a.council_id and r.account_id = a.account_id and r.letter_type = 'summons') order by a.account_id limit 1",
        new { c = app.HomeCouncil.Value });

    private Task<long> SummonsesAsync(string reference) => app.CountAsync(
        "select count(*) from letter_request r join account a on a.council_id = r.council_id and a.account_id = r.account_id " +
        "where a.council_id = @c and a.reference = @reference and r.letter_type = 'summons'", new { c = app.HomeCouncil.Value, reference });

    [Fact]
    public async Task A_summons_pdf_is_refused_for_an_account_with_no_recovery_notice_behind_one()
    {
        var reference = await AccountWithoutASummonsAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.GetAsync($"/accounts/{reference}/letters/preview.pdf?type=summons");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldNotBe("application/pdf");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("A summons comes only from a recovery notice");
        body.ShouldNotContain("80.50");
    }

    [Fact]
    public async Task Sending_a_summons_by_hand_without_one_written_stores_nothing_and_says_why()
    {
        var reference = await AccountWithoutASummonsAsync();
        var notices = await app.CountAsync("select count(*) from letter_notice");
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var sent = await client.PostFormAsync($"/accounts/{reference}/letters/new",
            new() { ["type"] = "summons", ["formKey"] = Guid.NewGuid().ToString("N") }, $"/accounts/{reference}/letters/new");

        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        page.ShouldContain("A summons comes only from a recovery notice");
        page.ShouldNotContain("Send letter");
        (await SummonsesAsync(reference)).ShouldBe(0);
        (await app.CountAsync("select count(*) from letter_notice")).ShouldBe(notices);
    }

    [Fact]
    public async Task The_preview_page_offers_no_send_button_for_a_summons_with_none_written()
    {
        var reference = await AccountWithoutASummonsAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.GetAsync($"/accounts/{reference}/letters/new?type=summons");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.ShouldContain("A summons comes only from a recovery notice");
        page.ShouldNotContain("id=\"letter-preview\"");
        page.ShouldNotContain("Send letter");
    }
}
