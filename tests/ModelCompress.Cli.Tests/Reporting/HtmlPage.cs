using System.Text.RegularExpressions;

namespace ModelCompress.Cli.Tests.Reporting;

/// <summary>
/// Reads a report.html the way a reviewer's checks would, without a browser: is it self-contained, which plots does
/// it hold, and how many data marks (scatter markers, filled bars) each plot draws inside its plot area.
/// </summary>
internal static partial class HtmlPage
{
    /// <summary>Fails when the page could reach the network or run script: no URL, no external resource, no script.</summary>
    public static void AssertSelfContained(string html)
    {
        foreach (var banned in new[] { "http://", "https://", "src=\"http", "<link", "<script", "@import", "url(http", "<iframe", "<img" })
        {
            Assert.False(html.Contains(banned, StringComparison.OrdinalIgnoreCase), $"report.html contains '{banned}'");
        }

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    public static IReadOnlyList<string> Plots(string html) => Svg().Matches(html).Select(m => m.Value).ToList();

    /// <summary>
    /// Scatter markers and filled bars drawn in the plot area (clipped groups), not the axes; groups holding text
    /// (point labels, the legend with its sample markers) are not data.
    /// </summary>
    public static int Marks(string svg) => PlotArea().Matches(svg)
        .Where(g => !g.Value.Contains("<text", StringComparison.Ordinal))
        .Sum(g => Mark().Matches(g.Value).Count);

    public static IReadOnlyList<string> Captions(string html) => Caption().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("<g clip-path=\"url\\(#[^)]+\\)\">.*?</g>", RegexOptions.Singleline)]
    private static partial Regex PlotArea();

    [GeneratedRegex("<ellipse |<rect fill=\"#")]
    private static partial Regex Mark();

    [GeneratedRegex("<figcaption>(.*?)</figcaption>")]
    private static partial Regex Caption();
}
