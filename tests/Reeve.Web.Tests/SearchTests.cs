using System.Net;
using Reeve.Kernel;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SearchTests(ReeveAppFixture app)
{
    [Fact]
    public async Task A_whole_account_reference_goes_straight_to_the_account()
    {
        var reference = await app.AccountReferenceAsync();
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var response = await client.GetAsync("/?q=" + reference);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe($"/accounts/{reference}");
    }

    [Fact]
    public async Task A_reference_with_a_wrong_check_digit_says_so()
    {
        var reference = await app.AccountReferenceAsync();
        var wrong = reference[..8] + (char)('0' + ((reference[8] - '0' + 1) % 10));
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = WebUtility.HtmlDecode(await client.GetPageAsync("/?q=" + wrong));

        html.ShouldContain("check digit is wrong");
        html.ShouldContain("govuk-error-summary");
        html.ShouldContain("href=\"#q\"");
    }

    [Fact]
    public async Task Search_by_surname_finds_people_and_is_audited_with_the_text()
    {
        var surname = await app.QueryAsync<string>("select surname from party_name where council_id = @c and surname is not null order by party_id limit 1", new { c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync("/?q=" + Uri.EscapeDataString(surname));

        html.ShouldContain("id=\"people-results\"");
        html.ShouldContain(WebUtility.HtmlEncode(surname));
        (await app.CountAsync("select count(*) from audit_log where action = 'search' and detail = @surname", new { surname })).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Search_by_postcode_finds_properties()
    {
        var (postcode, uprn) = await app.QueryAsync<(string, long)>("select postcode, uprn from property where council_id = @c order by uprn limit 1", new { c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync("/?q=" + Uri.EscapeDataString(postcode.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()));

        html.ShouldContain("id=\"property-results\"");
        html.ShouldContain($"/properties/{uprn}");
    }

    [Fact]
    public async Task Search_by_name_and_postcode_together_finds_the_person_at_that_postcode()
    {
        // "Your name and postcode, please": the two together, as an officer asks on the phone.
        var (partyId, surname, postcode) = await app.QueryAsync<(long, string, string)>(
            "select n.party_id, n.surname, a.postcode from party_name n join party_address a on a.council_id = n.council_id and a.party_id = n.party_id " +
            "where n.council_id = @c and n.surname is not null order by n.party_id limit 1", new { c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync("/?q=" + Uri.EscapeDataString($"{surname} {postcode}"));

        html.ShouldContain("id=\"people-results\"");
        html.ShouldContain($"/people/{partyId}\"");
    }

    // A letter most names hold: the small demo council has more than a page of people with an "a" in their name.
    private const string Common = "a";

    [Fact]
    public async Task A_long_list_of_people_is_counted_and_paged_rather_than_cut_off()
    {
        var count = await app.CountAsync(
            "select count(distinct n.party_id) from party_name n where n.council_id = @c and n.search_key like '%a%'", new { c = app.HomeCouncil.Value });
        count.ShouldBeGreaterThan(25, "the demo council should have more than one page of people with an a in their name");
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var first = WebUtility.HtmlDecode(await client.GetPageAsync("/?q=" + Common));
        var second = WebUtility.HtmlDecode(await client.GetPageAsync("/?q=" + Common + "&pp=2"));

        first.ShouldContain("Showing 1 to 25 of");
        first.ShouldContain("govuk-pagination");
        first.ShouldContain("pp=2");
        second.ShouldContain("Showing 26 to");
        System.Text.RegularExpressions.Regex.Matches(first, "href=\"/people/(\\d+)\"").Select(m => m.Groups[1].Value)
            .Intersect(System.Text.RegularExpressions.Regex.Matches(second, "href=\"/people/(\\d+)\"").Select(m => m.Groups[1].Value))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task The_search_api_says_how_many_match_and_serves_later_pages()
    {
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var first = await client.GetJsonAsync("/api/v1/search?q=" + Common);
        var second = await client.GetJsonAsync("/api/v1/search?q=" + Common + "&page=2");

        var total = first["peopleTotal"]!.GetValue<int>();
        total.ShouldBeGreaterThan(25);
        first["people"]!.AsArray().Count.ShouldBe(25);
        second["page"]!.GetValue<int>().ShouldBe(2);
        second["people"]!.AsArray().Count.ShouldBe(Math.Min(25, total - 25));
    }

    [Fact]
    public async Task Search_never_finds_another_councils_people()
    {
        var otherOnly = await app.QueryAsync<string>(
            "select n.surname from party_name n where n.council_id = @other and n.surname is not null " +
            "and not exists (select 1 from party_name m where m.council_id = @home and m.search_key like '%' || lower(n.surname) || '%') limit 1",
            new { other = app.OtherCouncil.Value, home = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync("/?q=" + Uri.EscapeDataString(otherOnly));

        html.ShouldNotContain("id=\"people-results\"");
    }

    [Fact]
    public async Task The_person_and_property_pages_show_accounts_and_are_audited()
    {
        var (partyId, uprn) = await app.QueryAsync<(long, long)>(
            "select p.party_id, a.uprn from account_party p join account a on a.council_id = p.council_id and a.account_id = p.account_id " +
            "where p.council_id = @c and a.uprn is not null order by p.party_id limit 1", new { c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "teamleader");

        var person = await client.GetPageAsync($"/people/{partyId}");
        person.ShouldContain("id=\"person-accounts\"");
        person.ShouldContain("Who has viewed or changed this record");
        var property = await client.GetPageAsync($"/properties/{uprn}");
        property.ShouldContain("id=\"property-accounts\"");

        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'person' and subject_id = @id", new { id = partyId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBeGreaterThan(0);
        (await app.CountAsync("select count(*) from audit_log where subject_kind = 'property' and subject_id = @id", new { id = uprn.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_audit_page_is_for_roles_that_may_read_it_and_filters_by_officer()
    {
        using var officer = await OfficerClient.SignedInAsync(app, "officer");
        (await officer.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var auditor = await OfficerClient.SignedInAsync(app, "auditor");
        var html = await auditor.GetPageAsync("/audit?officer=auditor");
        html.ShouldContain("Recent activity by auditor");
        html.ShouldContain("sign-in");
    }
}
