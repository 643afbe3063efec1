using System.Text.RegularExpressions;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// A deliberately small reader of compression.yaml for builds that do not start the engine (design-time builds,
/// passthrough): the model names under <c>models:</c> and each <c>source:</c>. The engine remains the one full
/// parser; names follow the shared rule, so the accessor matches what the engine's manifest will say.
/// </summary>
internal static class ConfigModelScan
{
    private static readonly Regex Key = new Regex(@"^(?<indent> *)(?<key>""[^""]*""|'[^']*'|[^\s#:{}\[\]][^:#]*?)\s*:(?:\s+(?<rest>.*)|\s*)$");
    private static readonly Regex FlowSource = new Regex(@"[{,]\s*source\s*:\s*(?<value>""[^""]*""|'[^']*'|[^,}]+?)\s*[,}]");

    /// <summary>(name, source) for each model, in file order; the source is null when the scan could not find it.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Scan(string text)
    {
        var result = new List<KeyValuePair<string, string?>>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var inModels = false;
        var modelIndent = -1;
        var childIndent = -1;
        foreach (var raw in lines)
        {
            var line = StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            var match = Key.Match(line);
            if (indent == 0)
            {
                inModels = match.Success && Unquote(match.Groups["key"].Value) == "models";
                modelIndent = -1;
                continue;
            }

            if (!inModels || !match.Success)
            {
                continue;
            }

            if (modelIndent < 0 || indent == modelIndent)
            {
                modelIndent = indent;
                childIndent = -1;
                var rest = match.Groups["rest"].Value;
                var flow = FlowSource.Match(rest.StartsWith("{", StringComparison.Ordinal) ? rest : string.Empty);
                result.Add(new KeyValuePair<string, string?>(Unquote(match.Groups["key"].Value), flow.Success ? Unquote(flow.Groups["value"].Value.Trim()) : null));
            }
            else if (indent > modelIndent && result.Count > 0)
            {
                childIndent = childIndent < 0 ? indent : childIndent;
                if (indent == childIndent && Unquote(match.Groups["key"].Value) == "source" && match.Groups["rest"].Success)
                {
                    var last = result[result.Count - 1];
                    result[result.Count - 1] = new KeyValuePair<string, string?>(last.Key, Unquote(match.Groups["rest"].Value.Trim()));
                }
            }
        }

        return result;
    }

    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
            {
                return line.Substring(0, i).TrimEnd();
            }
        }

        return line.TrimEnd();
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0]
            ? value.Substring(1, value.Length - 2)
            : value;
}
