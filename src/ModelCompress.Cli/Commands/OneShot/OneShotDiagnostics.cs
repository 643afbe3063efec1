namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>
/// A one-shot command has no YAML file the user wrote: a diagnostic placed in the generated config is told back
/// as the option it came from (<c>modelcompress: error MC1007: --sparsity 1.5: …</c>), code unchanged.
/// </summary>
internal static class OneShotDiagnostics
{
    // The YAML keys a one-shot config can lack, and the option that supplies each.
    private static readonly Dictionary<string, string> OptionOfKey = new(StringComparer.Ordinal)
    {
        ["sparsity"] = "--sparsity",
        ["inputs"] = "--input",
        ["calibration"] = "--calibration-input",
    };

    public static Diagnostic Translate(Diagnostic d, string configPath, OneShotYaml? yaml)
    {
        if (d.Position is { } at && string.Equals(at.File, configPath, StringComparison.Ordinal))
        {
            var label = yaml?.LabelOf(at.Line) ?? "the command line";
            return d with { Message = $"{label}: {d.Message}{MissingOption(d)}", Position = null, File = null };
        }

        return string.Equals(d.File, configPath, StringComparison.Ordinal) ? d with { File = null } : d;
    }

    // MC1006 names the YAML key ("Missing required key 'sparsity' in …"); say which option gives it.
    private static string MissingOption(Diagnostic d) =>
        d.Code == "MC1006" && OptionOfKey.FirstOrDefault(p => d.Message.StartsWith($"Missing required key '{p.Key}'", StringComparison.Ordinal)).Value is { } option
            ? $" On the command line: pass {option}."
            : "";
}
