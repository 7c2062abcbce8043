using System.Text;
using Microsoft.Playwright;
using NodaTime;
using Reeve.BusinessRates;
using Reeve.Kernel;
using Reeve.People;
using static Reeve.Web.Tests.BrowserTests;

namespace Reeve.Web.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RatesHereditamentBrowserTests(ReeveAppFixture app, BrowserFixture browser)
{
    // A list entries record (shared/formats.md 6.1): 28 asterisk-separated fields and a trailing asterisk.
    private static string Line(string baReference, string rv, string effective) =>
        $"1*0435**{baReference}*CS*SHOP AND PREMISES*777000*4, MARKET PLACE, WEALDMOOR**4*MARKET PLACE*WEALDMOOR***WD1 4MP*{effective}**{rv}****{effective}*******";

    private async Task ImportAsync(string line)
    {
        var result = await ImportListEntries.ImportAsync(app.Database, new(app.HomeCouncil, "list.csv", Encoding.ASCII.GetBytes(line + "\r\n"), "test"), SystemClock.Instance.GetCurrentInstant());
        result.ShouldBeOfType<ImportListEntries.Result.Imported>();
    }

    [Fact]
    public async Task The_hereditament_page_shows_the_rateable_value_history_and_this_years_rates_with_their_working()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var reference = "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await using (var c = await app.Database.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            await BillingAuthorityCode.SetAsync(c, tx, app.HomeCouncil, "0435", "test", now);
            await tx.CommitAsync();
        }

        await ImportAsync(Line(reference, "12600", "01-APR-2023"));
        await ImportAsync(Line(reference, "13000", "01-OCT-2024"));
        await ImportAsync(Line(reference, "14000", "01-APR-2026"));
        long hereditament;
        await using (var c = await app.Database.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            var party = ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx,
                new RecordParty.Request(app.HomeCouncil, PartyKind.Organisation, NameParts.Organisation("Market Place Florists Ltd"), null, new LocalDate(2023, 1, 1), [], null), "test", now)).Value;
            var occupation = await RecordOccupation.RecordAsync(c, tx,
                new RecordOccupation.Request(app.HomeCouncil, reference, party, new LocalDate(2023, 4, 1), null, false, true, false, "test"), now);
            hereditament = ((Outcome<RecordOccupation.Occupation>.Done)occupation).Value.HereditamentId;
            await tx.CommitAsync();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "officer");
        await page.GotoAsync($"/rates/hereditaments/{hereditament}");

        var values = await page.Locator("[data-testid=rateable-values] tbody tr").AllInnerTextsAsync();
        values.Count.ShouldBe(3);
        values[0].ShouldContain("£12,600");
        values[0].ShouldContain("30 September 2024");
        values[1].ShouldContain("£13,000");
        values[2].ShouldContain("2026");
        values[2].ShouldContain("£14,000");
        (await page.Locator("[data-testid=occupations]").InnerTextAsync()).ShouldContain("Market Place Florists Ltd");
        // This year (2026/27 on) a whole year at 14,000 in the 2026 list x national small business multiplier 43.2p = 6,048.00,
        // less small business rate relief (E = 3,000 / 2,000 = 1.5: a third) 2,016.00 = 4,032.00.
        (await page.Locator("[data-testid=net-rates]").InnerTextAsync()).ShouldBe("£4,032.00");
        var working = await page.Locator("[data-testid=working]").InnerTextAsync();
        working.ShouldContain("national small business multiplier 43.2p");
        working.ShouldContain("SI 2017/102 art 3");
        (await app.CountAsync("select count(*) from audit_log where council_id = @c and subject_kind = 'hereditament' and subject_id = @id and action = 'view'",
            new { c = app.HomeCouncil.Value, id = hereditament.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);
        await AssertAccessibleAsync(page, "hereditament page");
    }
}
