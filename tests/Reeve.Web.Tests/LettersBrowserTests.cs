using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Playwright;
using Reeve.Kernel;
using Reeve.Letters;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LettersBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string username)
    {
        // A loaded CI machine can be slow; a timeout here is not what these tests are about.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, username);
        return page;
    }

    [Fact]
    public async Task An_officer_previews_and_sends_a_reminder_and_downloads_its_copy_from_the_letter_history()
    {
        var reference = await app.AccountReferenceAsync();
        // A reminder is sent by hand only to repeat one a recovery run wrote for the account, never from sample figures.
        var today = Reeve.Kernel.UkTime.Today(NodaTime.SystemClock.Instance);
        await using (var queue = await app.Database.OpenAsync())
        await using (var tx = await queue.BeginTransactionAsync())
        {
            var accountId = await queue.ExecuteScalarAsync<long>("select account_id from account where council_id = @council and reference = @reference",
                new { council = app.HomeCouncil.Value, reference }, tx);
            (await LetterRequests.RequestAsync(queue, tx, new LetterRequest(app.HomeCouncil, accountId, today, $"browser-test/reminder/{Guid.NewGuid():N}",
                new ReminderFields(FinancialYear.Containing(today).StartYear, 1, Money.FromPounds(100), today.PlusDays(6), Money.FromPounds(500), today.PlusDays(14))),
                NodaTime.SystemClock.Instance.GetCurrentInstant())).ShouldBeOfType<Outcome<QueuedLetter>.Done>();
            await tx.CommitAsync();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context, "officer");

        await page.GotoAsync($"/accounts/{reference}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview or send a letter" }).ClickAsync();
        await page.GetByLabel("Reminder notice").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview letter" }).ClickAsync();
        (await page.Locator("#letter-preview").InnerTextAsync()).ShouldContain("lose the right to pay by instalments");
        await AssertAccessibleAsync(page, "letter preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send letter" }).ClickAsync();

        await page.WaitForURLAsync(RecordUrl($"/accounts/{reference}"));
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("Reminder notice stored as notice");
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_kind = 'account' and subject_id = @reference and action = 'change' and detail like 'Sent reminder notice (notice %'",
            new { reference, c = app.HomeCouncil.Value })).ShouldBe(1);
        var history = page.Locator("#letter-history");
        (await history.InnerTextAsync()).ShouldContain("Reminder notice");
        await AssertAccessibleAsync(page, "account page with letter history");
        var copy = await context.APIRequest.GetAsync(await history.Locator("a[download]").First.GetAttributeAsync("href") ?? "");
        copy.Status.ShouldBe(200);
        var bytes = await copy.BodyAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        System.Text.Encoding.Latin1.GetString(bytes).ShouldContain("COPY");
    }

    [Fact]
    public async Task A_manager_cannot_save_wording_that_drops_a_required_section_or_names_an_unknown_field_and_can_save_good_wording()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context, "manager");

        await page.GotoAsync("/letters");
        await AssertAccessibleAsync(page, "letters and print batches");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change the wording of letters" }).ClickAsync();
        await AssertAccessibleAsync(page, "wording of letters");
        await page.GotoAsync("/letters/templates/final-notice/letter");
        var source = page.GetByLabel("Wording of the new version");
        var original = await source.InputValueAsync();

        // Drop the reg 33 section and name a field the final notice does not have.
        await source.FillAsync("# Final notice\n\nPay {{AmountDew}} now.\n\n{{#section \"next-steps\"}}\nA summons may follow.\n{{/section}}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        var said = await summary.InnerTextAsync();
        said.ShouldContain("There is a problem");
        said.ShouldContain("'amount-due'");
        said.ShouldContain("AmountDew");
        await AssertAccessibleAsync(page, "template editor with errors");

        await page.GetByLabel("Wording of the new version").FillAsync(original.Replace("You must pay", "Please pay", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview with demo data" }).ClickAsync();
        (await page.Locator("#template-preview").InnerTextAsync()).ShouldContain("Please pay £1,368.08");
        await AssertAccessibleAsync(page, "template editor with preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();

        await page.WaitForURLAsync("**/letters/templates");
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("Final notice by post: version 2 saved");
    }

    [Fact]
    public async Task An_officer_records_and_withdraws_consent_to_email_and_marks_returned_post_on_a_person()
    {
        var (partyId, _, _) = await app.PersonWithPropertyAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context, "officer");

        await page.GotoAsync($"/people/{partyId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Contact preferences: email and text message consent" }).ClickAsync();
        await AssertAccessibleAsync(page, "contact preferences");
        await page.GetByLabel("Email", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Email address or mobile number").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        (await page.Locator(".govuk-error-summary").InnerTextAsync()).ShouldContain("Enter an email address in the correct format");
        await AssertAccessibleAsync(page, "contact preferences with an error");
        await page.GetByLabel("Email address or mobile number").FillAsync("resident@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();

        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}/contact-preferences"));
        (await page.Locator("#consents").InnerTextAsync()).ShouldContain("resident@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw consent to email" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}/contact-preferences"));
        (await page.Locator(".govuk-notification-banner--success").InnerTextAsync()).ShouldContain("Consent to email withdrawn");

        await page.GetByRole(AriaRole.Button, new() { Name = "Post came back gone away" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}/contact-preferences"));
        (await page.Locator("#gone-away").InnerTextAsync()).ShouldContain("Letters to this address are held");
        await AssertAccessibleAsync(page, "contact preferences with the address gone away");
        (await app.CountAsync("select count(*) from returned_mail where party_id = @partyId and cleared_on is null", new { partyId })).ShouldBe(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "The address is right again" }).ClickAsync();
        await page.WaitForURLAsync(RecordUrl($"/people/{partyId}/contact-preferences"));
        (await app.CountAsync("select count(*) from returned_mail where party_id = @partyId and cleared_on is null", new { partyId })).ShouldBe(0);
    }

    [Fact]
    public async Task A_print_batch_is_listed_with_its_files_for_download()
    {
        var reference = await app.AccountReferenceAsync();
        var accountId = await app.QueryAsync<long>("select account_id from account where reference = @reference", new { reference });
        var on = new NodaTime.LocalDate(2031, 6, 2);
        await using (var connection = await app.Database.OpenAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            (await LetterRequests.RequestAsync(connection, tx, new LetterRequest(app.HomeCouncil, accountId, on, $"browser-test/refund/{Guid.NewGuid():N}",
                new RefundFields(Money.FromPence(4_200), "you paid twice", "bank transfer")), NodaTime.SystemClock.Instance.GetCurrentInstant()))
                .ShouldBeOfType<Outcome<QueuedLetter>.Done>();
            await tx.CommitAsync();
        }

        var folder = Directory.CreateTempSubdirectory("reeve-web-print-").FullName;
        var printed = (await RequestPrintRun.PrintAsync(app.Database, new RequestPrintRun.Options(app.HomeCouncil, LetterType.RefundLetter, on, folder),
            NodaTime.SystemClock.Instance)).ShouldBeOfType<Outcome<RequestPrintResult>.Done>().Value;
        Directory.Delete(folder, recursive: true);
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var page = await SignedInPageAsync(context, "officer");

        await page.GotoAsync("/letters");
        var batches = page.Locator("#print-batches");
        (await batches.InnerTextAsync()).ShouldContain("refund-2031-06-02-001.pdf");
        await AssertAccessibleAsync(page, "print batches");
        var file = await context.APIRequest.GetAsync($"/letters/print-runs/{printed.PrintId}/refund-2031-06-02-manifest.csv");
        file.Status.ShouldBe(200);
        (await file.TextAsync()).ShouldContain(reference);
    }
}

[Collection(WebCollection.Name)]
public sealed class NotifyCallbackTests(ReeveAppFixture app)
{
    private async Task<string> SentEmailAsync()
    {
        var reference = await app.AccountReferenceAsync();
        await using (var queue = await app.Database.OpenAsync())
        await using (var tx = await queue.BeginTransactionAsync())
        {
            // A refund letter is sent by hand only to repeat one written when the refund was made.
            var accountId = await queue.ExecuteScalarAsync<long>("select account_id from account where council_id = @council and reference = @reference",
                new { council = app.HomeCouncil.Value, reference }, tx);
            (await LetterRequests.RequestAsync(queue, tx, new LetterRequest(app.HomeCouncil, accountId, new NodaTime.LocalDate(2026, 11, 2), $"notify-test/refund/{Guid.NewGuid():N}",
                new RefundFields(Money.FromPence(4_200), "you paid twice", "bank transfer")), NodaTime.SystemClock.Instance.GetCurrentInstant()))
                .ShouldBeOfType<Outcome<QueuedLetter>.Done>();
            await tx.CommitAsync();
        }

        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var sent = await client.PostFormAsync($"/accounts/{reference}/letters/new",
            new() { ["type"] = "refund", ["formKey"] = Guid.NewGuid().ToString("N") }, $"/accounts/{reference}/letters/new?type=refund");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var notifyId = Guid.NewGuid().ToString();
        await using var connection = await app.Database.OpenAsync();
        // The notice as NotifyDispatch records it once Notify has taken it (its sending is tested against the local Notify server).
        await connection.ExecuteAsync(
            "insert into notify_message (council_id, notice_id, channel, recipient, template_id, personalisation, reference, notify_id, status, attempts, last_error, updated_at) " +
            "select council_id, notice_id, 'email', 'a@example.org', 't', '{}', 'ref-' || notice_id, @notifyId, 'created', 1, null, recorded_at from letter_notice " +
            "where council_id = @council order by notice_id desc limit 1", new { notifyId, council = app.HomeCouncil.Value });
        return notifyId;
    }

    private async Task<HttpResponseMessage> CallbackAsync(string token, object body)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/notify/delivery-status") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task A_delivery_receipt_with_the_right_bearer_token_is_stored_on_the_notice_and_the_account_timeline()
    {
        var notifyId = await SentEmailAsync();

        var response = await CallbackAsync(ReeveAppFixture.NotifyCallbackToken, new
        {
            id = notifyId, reference = "ref", to = "a@example.org", status = "delivered", created_at = "2027-05-12T10:00:00.000000Z",
            completed_at = "2027-05-12T10:00:05.000000Z", sent_at = "2027-05-12T10:00:01.000000Z", notification_type = "email",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.QueryAsync<string>("select status from notify_message where notify_id = @notifyId", new { notifyId })).ShouldBe("delivered");
        (await app.CountAsync("select count(*) from account_event where kind = 'notice-delivery' and summary like '%delivered%'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_delivery_receipt_with_a_wrong_or_missing_token_is_refused_and_changes_nothing()
    {
        var notifyId = await SentEmailAsync();

        var response = await CallbackAsync("not-the-token", new { id = notifyId, status = "permanent-failure" });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var anonymous = await http.PostAsync("/notify/delivery-status", JsonContent.Create(new { id = notifyId, status = "permanent-failure" }));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.QueryAsync<string>("select status from notify_message where notify_id = @notifyId", new { notifyId })).ShouldBe("created");
    }
}
