using System.Xml.Linq;
using Reeve.Reporting.Domain;

namespace Reeve.Reporting.Tests.Domain;

public sealed class SvgChartsTests
{
    [Fact]
    public void A_bar_chart_is_an_image_named_by_its_title_and_description_with_a_bar_and_a_label_per_item()
    {
        var svg = XElement.Parse(SvgCharts.HorizontalBars("c", "Owed by year", "Most is owed for 2024/25 & before.",
            [new("2024/25", 300, "£3.00"), new("2025/26", 100, "£1.00")]));
        XNamespace ns = "http://www.w3.org/2000/svg";

        svg.Attribute("role")!.Value.ShouldBe("img");
        svg.Attribute("aria-labelledby")!.Value.ShouldBe("c-title c-desc");
        svg.Element(ns + "title")!.Value.ShouldBe("Owed by year");
        svg.Element(ns + "desc")!.Value.ShouldBe("Most is owed for 2024/25 & before.");
        var widths = svg.Elements(ns + "rect").Select(r => int.Parse(r.Attribute("width")!.Value)).ToList();
        widths.Count.ShouldBe(2);
        (widths[0] / 3).ShouldBe(widths[1]);
        svg.Elements(ns + "text").Select(t => t.Value).ShouldContain("£1.00");
    }

    [Fact]
    public void A_line_chart_draws_each_series_with_its_own_line_style_and_a_key_and_skips_months_with_no_value()
    {
        var svg = XElement.Parse(SvgCharts.Lines("l", "Rate", "Rising", ["Apr", "May", "Jun"],
            [new("This year", [10, 20, null], SvgCharts.SeriesStyle.Solid), new("Last year", [15, 25, 35], SvgCharts.SeriesStyle.Dashed)],
            100, v => $"{v}%"));
        XNamespace ns = "http://www.w3.org/2000/svg";

        var lines = svg.Elements(ns + "polyline").ToList();
        lines.Count.ShouldBe(2);
        lines[0].Attribute("points")!.Value.Split(' ').Length.ShouldBe(2);
        lines[0].Attribute("stroke-dasharray").ShouldBeNull();
        lines[1].Attribute("stroke-dasharray").ShouldNotBeNull();
        svg.Elements(ns + "text").Select(t => t.Value).ShouldContain("Last year");
    }
}
