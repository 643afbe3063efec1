using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Reporting.Html;

/// <summary>
/// Turns a standalone SVG document into markup that can sit inside an HTML page beside other plots: no XML
/// declaration, no namespace URLs (HTML gives inline &lt;svg&gt; its namespace, and the page must hold no URL), ids
/// renumbered with a per-plot prefix (every plot has a clip path named alike, and ids are page-wide), and a viewBox
/// so the browser can scale it.
/// </summary>
internal static partial class InlineSvg
{
    public static string Clean(string svg, string prefix, int width, int height)
    {
        var body = XmlDeclaration().Replace(svg, string.Empty);
        body = Namespace().Replace(body, string.Empty);
        var ids = Id().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var renamed = $"{prefix}-{i}";
            body = body.Replace($"id=\"{ids[i]}\"", $"id=\"{renamed}\"", StringComparison.Ordinal)
                .Replace($"url(#{ids[i]})", $"url(#{renamed})", StringComparison.Ordinal)
                .Replace($"href=\"#{ids[i]}\"", $"href=\"#{renamed}\"", StringComparison.Ordinal);
        }

        body = SvgOpen().Replace(body, $"<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\">", 1);
        return body.Trim();
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex Id();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex SvgOpen();
}
