using System.Globalization;
using System.Net;
using System.Text;

namespace Reeve.Reporting.Domain;

/// <summary>
/// Charts drawn on the server as SVG that a screen reader can use: each is an image with a title and a description
/// that says what it shows in words, its text is real text, and series differ by line style as well as colour. Every
/// chart sits beside a table of the same figures, which is the accessible source of truth.
/// </summary>
public static class SvgCharts
{
    public sealed record Bar(string Label, long Value, string ValueText);

    /// <summary>A line of values, one per x label; null where there is no value yet.</summary>
    public sealed record Series(string Name, IReadOnlyList<double?> Values, SeriesStyle Style);

    public enum SeriesStyle
    {
        Solid,
        Dashed,
        Dotted,
    }

    private const string Blue = "#1d70b8";
    private const string Grey = "#505a5f";
    private const string Green = "#00703c";
    private const string Black = "#0b0c0c";

    /// <summary>Horizontal bars, one per item, each labelled with its value in words.</summary>
    public static string HorizontalBars(string id, string title, string description, IReadOnlyList<Bar> bars)
    {
        const int labelWidth = 190, barArea = 360, rowHeight = 34, top = 10, valueGap = 8;
        var height = top * 2 + Math.Max(1, bars.Count) * rowHeight;
        var width = labelWidth + barArea + 150;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var svg = Open(id, title, description, width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + i * rowHeight;
            var length = bar.Value <= 0 ? 0 : Math.Max(1, (int)Math.Round(barArea * (double)bar.Value / max));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - valueGap}\" y=\"{y + 21}\" text-anchor=\"end\" font-size=\"16\" fill=\"{Black}\">{E(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 5}\" width=\"{length}\" height=\"22\" fill=\"{Blue}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + length + valueGap}\" y=\"{y + 21}\" font-size=\"16\" fill=\"{Black}\">{E(bar.ValueText)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Lines over the x labels on a 0 to <paramref name="yMax"/> scale, with gridlines labelled by
    /// <paramref name="yLabel"/>, and a key naming each series and its line style.
    /// </summary>
    public static string Lines(string id, string title, string description, IReadOnlyList<string> xLabels, IReadOnlyList<Series> series,
        double yMax, Func<double, string> yLabel, int gridlines = 5)
    {
        const int left = 70, right = 20, top = 20, plotHeight = 260, bottomAxis = 40, keyRow = 24;
        var plotWidth = Math.Max(1, xLabels.Count - 1) * 52;
        var width = left + plotWidth + right;
        var height = top + plotHeight + bottomAxis + keyRow * series.Count + 10;
        yMax = yMax <= 0 ? 1 : yMax;
        double X(int i) => left + (xLabels.Count <= 1 ? 0 : i * (double)plotWidth / (xLabels.Count - 1));
        double Y(double v) => top + plotHeight - Math.Clamp(v / yMax, 0, 1) * plotHeight;
        var svg = Open(id, title, description, width, height);
        for (var g = 0; g <= gridlines; g++)
        {
            var value = yMax * g / gridlines;
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 5:0.#}\" text-anchor=\"end\" font-size=\"14\" fill=\"{Black}\">{E(yLabel(value))}</text>");
        }

        for (var i = 0; i < xLabels.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{top + plotHeight + 22}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{Black}\">{E(xLabels[i])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var (colour, dash) = Look(series[s].Style);
            var points = series[s].Values.Select((v, i) => (v, i)).Where(p => p.v is not null)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.i):0.#},{Y(p.v!.Value):0.#}")).ToList();
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"{dash} points=\"{string.Join(' ', points)}\"/>");
            }

            foreach (var point in points)
            {
                var xy = point.Split(',');
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3.5\" fill=\"{colour}\"/>");
            }

            var keyY = top + plotHeight + bottomAxis + s * keyRow + 8;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + 40}\" y1=\"{keyY}\" y2=\"{keyY}\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 50}\" y=\"{keyY + 5}\" font-size=\"14\" fill=\"{Black}\">{E(series[s].Name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static (string Colour, string Dash) Look(SeriesStyle style) => style switch
    {
        SeriesStyle.Dashed => (Grey, " stroke-dasharray=\"10 6\""),
        SeriesStyle.Dotted => (Green, " stroke-dasharray=\"3 5\""),
        _ => (Blue, ""),
    };

    private static StringBuilder Open(string id, string title, string description, int width, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"reeve-chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"max-width:{width}px\" aria-labelledby=\"{id}-title {id}-desc\">" +
            $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
