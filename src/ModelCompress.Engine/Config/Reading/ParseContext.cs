using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>What every reader shares: the file, its folder (paths are relative to it) and the diagnostics.</summary>
internal sealed class ParseContext(string file, string baseDirectory)
{
    public string File { get; } = file;

    public string BaseDirectory { get; } = baseDirectory;

    public DiagnosticBag Bag { get; } = new();

    public void Report(Diagnostic diagnostic) => Bag.Add(diagnostic);

    /// <summary>
    /// The absolute path of a file named in the config, relative to the config's folder; reports MC1016 and
    /// still returns the path when it does not exist, so one missing file does not hide other problems.
    /// </summary>
    public string ResolveFile(string given, SourcePosition at, string key)
    {
        var resolved = Path.GetFullPath(Path.Combine(BaseDirectory, given));
        if (!System.IO.File.Exists(resolved))
        {
            Report(ConfigDiagnostics.FileNotFound(at, key, given, resolved));
        }

        return resolved;
    }
}
