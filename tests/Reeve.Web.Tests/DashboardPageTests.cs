using System.Net;

namespace Reeve.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class DashboardPageTests(ReeveAppFixture app)
{
    [Fact]
    public async Task A_manager_sets_the_collection_target_and_the_dashboard_measures_against_it()
    {
        using var manager = await OfficerClient.SignedInAsync(app, "manager");
        var year = CouncilTaxSetup.ThisYear.StartYear;

        var refused = await manager.PostFormAsync($"/dashboards/target?kind=council-tax&year={year}", new() { ["Percent"] = "101", ["Reason"] = "" });
        var refusedPage = await refused.Content.ReadAsStringAsync();
        refusedPage.ShouldContain("Enter the target as a percentage between 0.01 and 100");
        refusedPage.ShouldContain("Enter why the target is set");

        using var saved = await manager.PostFormAsync($"/dashboards/target?kind=council-tax&year={year}", new() { ["Percent"] = "96.75", ["Reason"] = "Budget report, February" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var dashboard = await manager.GetPageAsync($"/dashboards?kind=council-tax&year={year}");
        dashboard.ShouldContain("data-testid=\"target-rate\">96.75%");
        dashboard.ShouldContain("role=\"img\"");
        dashboard.ShouldContain("id=\"collection-table\"");
        var csv = await (await manager.GetAsync($"/dashboards?handler=Csv&kind=council-tax&year={year}")).Content.ReadAsStringAsync();
        csv.Split('\n')[0].ShouldBe("month,as_at,net_debit,receipts,collection_rate_percent,last_year_rate_percent,target_percent");
        csv.Split('\n')[1].ShouldEndWith(",96.75");
    }

    [Fact]
    public async Task Only_a_manager_may_set_the_target()
    {
        using var officer = await OfficerClient.SignedInAsync(app, "officer");

        using var response = await officer.GetRawAsync("/dashboards/target");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_returns_show_the_receipts_by_quarter_and_the_tax_base_by_band_with_how_each_figure_is_made()
    {
        using var officer = await OfficerClient.SignedInAsync(app, "officer");

        var qrc4 = await officer.GetPageAsync("/returns/quarterly-receipts");
        var ctb = await officer.GetPageAsync("/returns/tax-base");
        var arrears = await officer.GetPageAsync("/dashboards/arrears");

        qrc4.ShouldContain("id=\"qrc4-council-tax\"");
        qrc4.ShouldContain("How each figure is made");
        ctb.ShouldContain("id=\"ctb-table\"");
        ctb.ShouldContain("Band D equivalents");
        arrears.ShouldContain("id=\"funnel-table\"");
        var ctbCsv = await (await officer.GetAsync("/returns/tax-base?handler=Csv")).Content.ReadAsStringAsync();
        var total = ctbCsv.Split('\n').Single(l => l.StartsWith("Total,", StringComparison.Ordinal)).Split(',');
        int.Parse(total[2]).ShouldBeGreaterThan(0, "the demo's dwellings are on the list");
    }
}
