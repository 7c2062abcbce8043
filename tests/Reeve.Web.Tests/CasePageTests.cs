using System.IO.Compression;
using System.Net;
using System.Text;
using Dapper;
using Reeve.Cases.Domain;
using Reeve.Kernel;
using Reeve.TestKit;
using static Reeve.Web.Tests.CouncilTaxSetup;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class CasePageTests(ReeveAppFixture app)
{
    private static long CaseIdFrom(HttpResponseMessage response) =>
        long.Parse(response.Headers.Location!.ToString().Split('?')[0].Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<long> LogAsync(OfficerClient client, string kind, string? person = null, string description = "How many summonses did you issue in 2025?")
    {
        var fields = Date("received", Today, new()
        {
            ["kind"] = kind, ["description"] = description, ["formKey"] = Guid.NewGuid().ToString("N"),
        });
        if (person is null)
        {
            fields["requesterName"] = "A. Journalist";
            fields["requesterAddress"] = "2 Press Row\nBigtown\nBT1 1AA";
        }

        var path = person is null ? "/cases/new" : $"/cases/new?person={person}";
        var response = await client.PostFormAsync(path, fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return CaseIdFrom(response);
    }

    // FOIA s10(1): due on the twentieth working day after receipt, on the UK-wide calendar.
    [Fact]
    public async Task An_foi_logged_in_the_form_shows_its_statutory_deadline_in_the_list_and_is_answered_with_a_pdf_letter()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var id = await LogAsync(client, "foi");
        var deadline = CaseClock.Read(StatutoryClocks.InForce(CaseKind.Foi, Today)!, Today, [], false).Deadline!.Value;

        var page = await client.GetPageAsync($"/cases/{id}");
        page.ShouldContain(DateText.FormatLong(deadline));
        page.ShouldContain(CaseClock.DescribeDaysLeft(deadline, Today));
        page.ShouldContain("Freedom of Information Act 2000 s10(1)");
        (await client.GetPageAsync("/cases?kind=foi")).ShouldContain($"FOI-{id}");

        var answered = await client.PostFormAsync($"/cases/{id}?handler=Answer", new() { ["outcome"] = "answered", ["response"] = "We issued 1,204 summonses in 2025." }, formPage: $"/cases/{id}");
        answered.StatusCode.ShouldBe(HttpStatusCode.Found);
        var closed = await client.GetPageAsync($"/cases/{id}");
        closed.ShouldContain("Closed on " + DateText.FormatLong(Today));
        var letterId = await app.CountAsync("select letter_id from case_letter where case_id = @id", new { id });
        var pdf = await client.GetAsync($"/cases/{id}/letters/{letterId}");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = PdfText.Read(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Your Freedom of Information request");
        text.ShouldContain("We issued 1,204 summonses in 2025.");
        text.ShouldContain($"FOI-{id}");
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'case' and subject_id = @id and action = 'change'", new { id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(2);
    }

    [Fact]
    public async Task A_case_with_no_description_is_refused_naming_the_field_and_nothing_is_logged()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var before = await app.CountAsync("select count(*) from case_record");
        var response = await client.PostFormAsync("/cases/new", Date("received", Today, new()
        {
            ["kind"] = "complaint", ["description"] = "", ["requesterName"] = "A. Person", ["requesterAddress"] = "1 Road\nAB1 2CD", ["formKey"] = "k1",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Enter what the case is about");
        (await app.CountAsync("select count(*) from case_record")).ShouldBe(before);
    }

    [Fact]
    public async Task A_paused_subject_access_clock_shows_no_deadline_until_identity_arrives()
    {
        var (partyId, _) = await NewPersonAsync(app);
        await using (var c = await app.Database.OpenAsync())
        {
            await c.ExecuteAsync("insert into party_address (council_id, party_id, address_seq, address_line1, town, postcode, valid_from) values (@c, @partyId, 1, '3 Low Road', 'Anytown', 'AB1 2CD', '2020-01-01')",
                new { c = app.HomeCouncil.Value, partyId });
        }

        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var id = await LogAsync(client, "sar", partyId.ToString(System.Globalization.CultureInfo.InvariantCulture), "A copy of everything you hold about me");
        var paused = await client.PostFormAsync($"/cases/{id}?handler=Pause", Date("on", Today, new() { ["reason"] = "identity" }), formPage: $"/cases/{id}");
        paused.StatusCode.ShouldBe(HttpStatusCode.Found);
        (await client.GetPageAsync($"/cases/{id}")).ShouldContain("None while the clock is paused");
        (await client.GetPageAsync($"/people/{partyId}")).ShouldContain($"SAR-{id}");
    }

    // UK GDPR Art 15: the pack holds the ledger and the letters; making it is audited.
    [Fact]
    public async Task The_subject_access_pack_is_a_zip_with_the_person_s_ledger_lines_and_letters_as_pdfs()
    {
        long partyId;
        string reference;
        await using (var c = await app.Database.OpenAsync())
        {
            (partyId, reference) = await c.QueryFirstAsync<(long, string)>(
                "select ap.party_id, a.reference from account_party ap join account a on a.council_id = ap.council_id and a.account_id = ap.account_id " +
                "join party_address pa on pa.council_id = ap.council_id and pa.party_id = ap.party_id " +
                "where ap.council_id = @c and exists (select 1 from ledger_entry e where e.council_id = a.council_id and e.account_id = a.account_id) order by ap.party_id limit 1",
                new { c = app.HomeCouncil.Value });
        }

        using var client = await OfficerClient.SignedInAsync(app, "officer");
        var id = await LogAsync(client, "sar", partyId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Everything you hold");
        (await client.PostFormAsync($"/cases/{id}?handler=Answer", new() { ["outcome"] = "answered", ["response"] = "Your data is enclosed." }, formPage: $"/cases/{id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Found);

        var response = await client.PostFormAsync($"/people/{partyId}/subject-access", []);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var ledger = new StreamReader(zip.GetEntry("ledger.csv")!.Open(), Encoding.UTF8).ReadToEnd();
        ledger.Split("\r\n").Skip(1).ShouldContain(line => line.StartsWith(reference + ",", StringComparison.Ordinal));
        var letters = zip.Entries.Where(e => e.FullName.StartsWith("letters/", StringComparison.Ordinal) && e.FullName.EndsWith(".pdf", StringComparison.Ordinal)).ToList();
        letters.ShouldContain(e => e.FullName.Contains($"SAR-{id}-response", StringComparison.Ordinal));
        using var bytes = new MemoryStream();
        await letters.First(e => e.FullName.Contains($"SAR-{id}", StringComparison.Ordinal)).Open().CopyToAsync(bytes);
        PdfText.Read(bytes.ToArray()).ShouldContain("Your data is enclosed.");
        (await app.CountAsync("select count(*) from audit_log where action = 'export' and subject_kind = 'person' and subject_id = @p",
            new { p = partyId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);
    }
}
