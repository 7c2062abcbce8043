using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Reeve.Web.Tests;

/// <summary>What a new user hit first on the recovery and person pages (issue 17), checked on the demo council.</summary>
[Collection(WebCollection.Name)]
public sealed partial class FirstUseFixesTests(ReeveAppFixture app)
{
    [GeneratedRegex("Showing ([0-9,]+) to ([0-9,]+) of ([0-9,]+)")]
    private static partial Regex Showing();

    private static (int From, int To, int Total) ShowingOf(string html)
    {
        var m = Showing().Match(html);
        m.Success.ShouldBeTrue("the page should say which rows it shows of how many");
        int N(int g) => int.Parse(m.Groups[g].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return (N(1), N(2), N(3));
    }

    [Fact]
    public async Task The_recovery_preview_shows_at_most_fifty_accounts_a_page_with_totals_in_pounds_and_can_show_one_stage()
    {
        // It was one page of 500 rows with stage codes; now a page at a time, the stages named, the money in pounds.
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var first = WebUtility.HtmlDecode(await client.GetPageAsync("/recovery/preview"));
        var (from, to, total) = ShowingOf(first);
        (from, to).ShouldBe((1, Math.Min(50, total)));
        first.ShouldContain("id=\"stage-totals\"");
        Regex.IsMatch(first, "<td class=\"govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold\">£[0-9,]+\\.[0-9]{2}</td>").ShouldBeTrue();

        if (total > 50)
        {
            first.ShouldContain("govuk-pagination");
            var second = WebUtility.HtmlDecode(await client.GetPageAsync("/recovery/preview?p=2"));
            ShowingOf(second).From.ShouldBe(51);
        }

        // Accounts up to date are counted but not listed; any other stage lists its accounts.
        var stage = Regex.Matches(first, "data-stage=\"([a-z-]+)\">\\s*<th[^>]*>.*?</th>\\s*<td[^>]*>([0-9,]+)</td>", RegexOptions.Singleline)
            .Where(m => m.Groups[1].Value != "up-to-date" && m.Groups[2].Value != "0").Select(m => m.Groups[1].Value).First();
        var onlyOne = WebUtility.HtmlDecode(await client.GetPageAsync($"/recovery/preview?stage={stage}"));
        var rows = Regex.Matches(onlyOne, "<tr class=\"govuk-table__row\">\\s*<td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/accounts/[0-9]+/recovery\">");
        rows.Count.ShouldBe(Math.Min(50, ShowingOf(onlyOne).Total));
        onlyOne.ShouldNotContain("<option value=\"\" selected");
    }

    [Fact]
    public async Task The_person_page_shows_the_total_owed_across_the_person_s_accounts()
    {
        var partyId = await app.QueryAsync<long>(
            "select p.party_id from account_party p where p.council_id = @c group by p.party_id having count(*) > 1 order by p.party_id limit 1",
            new { c = app.HomeCouncil.Value });
        using var client = await OfficerClient.SignedInAsync(app, "officer");

        var html = await client.GetPageAsync($"/people/{partyId}");

        var owed = long.Parse(Regex.Match(html, "Total owed</dt>\\s*<dd[^>]*data-pence=\"(-?[0-9]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);
        var balances = Regex.Matches(html, "govuk-table__cell--numeric\" data-sort-value=\"(-?[0-9]+)\"")
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        balances.Count.ShouldBeGreaterThan(1);
        owed.ShouldBe(balances.Where(b => b > 0).Sum());
    }
}
