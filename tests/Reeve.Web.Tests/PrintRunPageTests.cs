using System.Net;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Officers;

namespace Reeve.Web.Tests;

/// <summary>
/// Letter print runs started from /letters: the letters waiting are listed by type and date, printing a batch shows what
/// the run holds with its files to download (audited), and printing the same batch again prints nothing twice.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PrintRunPageTests(ReeveAppFixture app)
{
    /// <summary>A refund letter queued for the home council's account, on a date no other test uses.</summary>
    private async Task<(string Reference, LocalDate On, long RequestId)> QueuedRefundLetterAsync()
    {
        var reference = await app.AccountReferenceAsync();
        var accountId = await app.QueryAsync<long>("select account_id from account where reference = @reference", new { reference });
        var on = new LocalDate(2033, 1, 3).PlusDays(Random.Shared.Next(0, 3_000));
        await using var connection = await app.Database.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var queued = (await LetterRequests.RequestAsync(connection, tx, new LetterRequest(app.HomeCouncil, accountId, on, $"print-page-test/{Guid.NewGuid():N}",
            new RefundFields(Money.FromPence(4_321), "you paid twice", "bank transfer")), SystemClock.Instance.GetCurrentInstant()))
            .ShouldBeOfType<Outcome<QueuedLetter>.Done>().Value;
        await tx.CommitAsync();
        return (reference, on, queued.RequestId);
    }

    private static Dictionary<string, string> Batch(LocalDate on) => new() { ["type"] = LetterType.RefundLetter.Code(), ["on"] = DateText.FormatIso(on) };

    private Task<long> RunsOnAsync(LocalDate on) =>
        app.CountAsync("select count(*) from letter_print_run where council_id = @c and request_date = @on", new { c = app.HomeCouncil.Value, on });

    [Fact]
    public async Task An_officer_prints_a_waiting_batch_sees_what_it_holds_downloads_its_files_and_printing_it_again_prints_nothing_twice()
    {
        var (reference, on, requestId) = await QueuedRefundLetterAsync();
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.Officer));
        var before = await client.GetPageAsync("/letters");
        before.ShouldContain($"value=\"{DateText.FormatIso(on)}\"");
        var notices = await app.CountAsync("select count(*) from letter_notice where council_id = @c", new { c = app.HomeCouncil.Value });

        var printed = await client.PostFormAsync("/letters?handler=print", Batch(on), formPage: "/letters");

        printed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await printed.Content.ReadAsStringAsync();
        var printId = await app.QueryAsync<long>("select print_id from letter_print_run where council_id = @c and request_date = @on", new { c = app.HomeCouncil.Value, on });
        html.ShouldContain($"Print run {printId} made");
        html.ShouldContain(reference);
        var pdf = $"refund-{DateText.FormatIso(on)}-001.pdf";
        html.ShouldContain($"href=\"/letters/print-runs/{printId}/{pdf}\"");
        html.ShouldContain($"href=\"/letters/print-runs/{printId}/refund-{DateText.FormatIso(on)}-manifest.csv\"");
        html.ShouldNotContain($"value=\"{DateText.FormatIso(on)}\"", customMessage: "the batch is no longer waiting");
        (await app.CountAsync("select count(*) from letter_request_notice where council_id = @c and request_id = @requestId", new { c = app.HomeCouncil.Value, requestId })).ShouldBe(1);
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and action = 'change' and subject_kind = 'print-run' and subject_id = @id",
            new { c = app.HomeCouncil.Value, id = printId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);

        var file = await client.GetAsync($"/letters/print-runs/{printId}/{pdf}");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await file.Content.ReadAsByteArrayAsync())[..4].ShouldBe("%PDF"u8.ToArray());
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and action = 'download' and subject_kind = 'print-run' and subject_id = @id",
            new { c = app.HomeCouncil.Value, id = printId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);

        var again = await (await client.PostFormAsync("/letters?handler=print", Batch(on), formPage: "/letters")).Content.ReadAsStringAsync();

        again.ShouldContain($"Every letter was printed in print run {printId}: nothing was printed twice");
        (await RunsOnAsync(on)).ShouldBe(1);
        (await app.CountAsync("select count(*) from letter_notice where council_id = @c", new { c = app.HomeCouncil.Value })).ShouldBe(notices + 1);
    }

    [Fact]
    public async Task A_batch_that_is_not_waiting_prints_nothing()
    {
        using var client = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.Officer));
        var on = new LocalDate(2040, 2, 1);

        var html = await (await client.PostFormAsync("/letters?handler=print", Batch(on), formPage: "/letters")).Content.ReadAsStringAsync();
        var bad = await client.PostFormAsync("/letters?handler=print", new() { ["type"] = "no-such-letter", ["on"] = "someday" }, formPage: "/letters");

        html.ShouldContain("is waiting: nothing was printed");
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Choose a batch of letters waiting to be printed");
        (await RunsOnAsync(on)).ShouldBe(0);
    }

    [Fact]
    public async Task An_auditor_sees_the_waiting_letters_but_may_not_print_them()
    {
        var (_, on, _) = await QueuedRefundLetterAsync();
        using var auditor = await OfficerClient.SignedInAsync(app, await app.NewOfficerAsync(Role.Auditor));

        var page = await auditor.GetPageAsync("/letters");
        var posted = await auditor.PostFormAsync("/letters?handler=print", Batch(on), formPage: "/letters");

        page.ShouldContain("Letters waiting to be printed");
        page.ShouldNotContain("handler=print");
        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await RunsOnAsync(on)).ShouldBe(0);
    }
}
