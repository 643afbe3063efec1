using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Data;

/// <summary>Expands a CSV column selection: <c>p0..p63</c>, <c>a,b,c</c>, or one column name.</summary>
internal static partial class CsvColumnSpec
{
    /// <summary>The column names, or null when the spec is malformed (empty names, mismatched range prefixes).</summary>
    public static IReadOnlyList<string>? Expand(string spec)
    {
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        var result = new List<string>();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                return null;
            }

            if (!part.Contains("..", StringComparison.Ordinal))
            {
                result.Add(part);
                continue;
            }

            var ends = part.Split("..", StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || Numbered().Match(ends[0]) is not { Success: true } from ||
                Numbered().Match(ends[1]) is not { Success: true } to || from.Groups[1].Value != to.Groups[1].Value)
            {
                return null;
            }

            if (!int.TryParse(from.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first) ||
                !int.TryParse(to.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var last) || last < first)
            {
                return null;
            }

            for (var i = first; i <= last; i++)
            {
                result.Add(from.Groups[1].Value + i.ToString(CultureInfo.InvariantCulture));
            }
        }

        return result;
    }

    [GeneratedRegex(@"^(.*?)(\d+)$")]
    private static partial Regex Numbered();
}
