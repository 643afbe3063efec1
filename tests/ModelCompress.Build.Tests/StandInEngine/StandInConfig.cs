namespace ModelCompress.Build.Tests.StandInEngine;

/// <summary>
/// Just enough of compression.yaml for the contract tests: model names, their source and data paths, the
/// size budget and its position. Reads block-style YAML line by line; the real engine parses it properly.
/// </summary>
internal sealed record StandInConfig(IReadOnlyList<StandInModel> Models, bool Crash)
{
    public static StandInConfig Read(string path)
    {
        var models = new List<StandInModel>();
        var lines = File.ReadAllLines(path);
        StandInModel? current = null;
        var inModels = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            if (trimmed.StartsWith('#') || trimmed.Length == 0)
            {
                continue;
            }

            if (indent == 0)
            {
                inModels = trimmed.StartsWith("models:", StringComparison.Ordinal);
                continue;
            }

            if (inModels && indent == 2 && trimmed.EndsWith(':'))
            {
                current = new StandInModel(trimmed.TrimEnd(':'), i + 1);
                models.Add(current);
            }
            else if (current != null && trimmed.StartsWith("source:", StringComparison.Ordinal))
            {
                current.Source = Resolve(path, Value(trimmed));
                current.SourceLine = i + 1;
                current.SourceColumn = indent + 1;
            }
            else if (current != null && trimmed.StartsWith("path:", StringComparison.Ordinal))
            {
                current.Data = Resolve(path, Value(trimmed));
            }
            else if (current != null && line.Contains("max_kb:", StringComparison.Ordinal))
            {
                var at = line.IndexOf("max_kb:", StringComparison.Ordinal);
                var number = line[(at + "max_kb:".Length)..].Trim().TrimEnd('}').Trim();
                current.MaxKb = double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
                current.BudgetLine = i + 1;
                current.BudgetColumn = at + 1;
            }
        }

        return new StandInConfig(models, lines.Any(l => l.Trim() == "# standin: crash"));
    }

    private static string Value(string trimmed) => trimmed[(trimmed.IndexOf(':') + 1)..].Trim();

    private static string Resolve(string configPath, string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(configPath)!, relative));
}
