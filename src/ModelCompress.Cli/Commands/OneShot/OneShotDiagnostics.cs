using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Cli.Commands.OneShot;

/// <summary>
/// A one-shot command has no YAML file the user wrote: a diagnostic placed in the generated config is told back
/// as the option it came from (<c>modelcompress: error MC1004: --sparsity 1.5: …</c>), code unchanged.
/// </summary>
internal static class OneShotDiagnostics
{
    public static Diagnostic Translate(Diagnostic d, string configPath, OneShotYaml? yaml)
    {
        if (d.Position is { } at && string.Equals(at.File, configPath, StringComparison.Ordinal))
        {
            var label = yaml?.LabelOf(at.Line) ?? "the command line";
            return d with { Message = $"{label}: {d.Message}", Position = null, File = null };
        }

        return string.Equals(d.File, configPath, StringComparison.Ordinal) ? d with { File = null } : d;
    }
}
