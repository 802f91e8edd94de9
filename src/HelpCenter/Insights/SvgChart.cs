using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace HelpCenter.Insights;

/// <summary>
/// Bar charts drawn on the server as SVG: no script, no style attributes (the CSP forbids them; colours come from
/// site.css classes), and scaled by the browser through the view box. A chart is decoration for sighted readers:
/// the same numbers are always in a table next to it, so the SVG is one labelled image for screen readers.
/// </summary>
public static class SvgChart
{
    // Japanese labels stay readable in the source (the default encoder writes them as &#x...; references).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 44;
    private const int Bottom = 28;
    private const int Top = 12;

    /// <summary>Vertical bars, one per point, in the given order. Labels are written under at most ~12 bars.</summary>
    public static IHtmlContent Bars(string label, IReadOnlyList<(string Label, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(points);
        var encoder = Encoder;
        var max = points.Count == 0 ? 0 : points.Max(p => p.Value);
        var scale = NiceCeiling(max);
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var step = points.Count == 0 ? 0 : (double)plotWidth / points.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(points.Count / 12.0));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{encoder.Encode(label)}\" focusable=\"false\">");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Top + plotHeight * (1 - fraction);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            // With nothing to show, the axis says 0 once, not at every line.
            if (scale > 0 || fraction == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Number(scale * fraction)}</text>");
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            var (name, value) = points[i];
            var height = scale == 0 ? 0 : plotHeight * value / scale;
            var x = Left + i * step + step * 0.12;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" x=\"{x:0.##}\" y=\"{Top + plotHeight - height:0.##}\" width=\"{Math.Max(1, step * 0.76):0.##}\" height=\"{height:0.##}\"><title>{encoder.Encode(name)}: {Number(value)}</title></rect>");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text class=\"axis\" x=\"{Left + i * step + step / 2:0.##}\" y=\"{Height - 10}\" text-anchor=\"middle\">{encoder.Encode(name)}</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>The top of the axis: 1, 2 or 5 times a power of ten, at least the largest value.</summary>
    public static double NiceCeiling(double max)
    {
        if (max <= 0)
        {
            return 0;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var factor in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (factor * power >= max)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    private static string Number(double value) => value.ToString(value % 1 == 0 ? "#,0" : "#,0.#", CultureInfo.InvariantCulture);
}
