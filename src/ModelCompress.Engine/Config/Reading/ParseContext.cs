using ModelCompress.Engine.IO;
using ModelCompress.Onnx.Files;

namespace ModelCompress.Engine.Config.Reading;

/// <summary>What every reader shares: the file, its folder (paths are relative to it) and the diagnostics.</summary>
internal sealed class ParseContext(string file, string baseDirectory)
{
    public string File { get; } = file;

    public string BaseDirectory { get; } = baseDirectory;

    public DiagnosticBag Bag { get; } = new();

    public void Report(Diagnostic diagnostic) => Bag.Add(diagnostic);

    /// <summary>
    /// The absolute path of a file named in the config, relative to the config's folder; reports MC1016 (or MC5100–MC5102 for a
    /// device, dangling link or control character) and
    /// still returns the path when it does not exist, so one missing file does not hide other problems.
    /// </summary>
    public string ResolveFile(string given, SourcePosition at, string key)
    {
        if (SafeFile.HasBadCharacter(given))
        {
            Report(PathDiagnostics.BadCharacter(at, key, given));
            return Path.GetFullPath(Path.Combine(BaseDirectory, SafeFile.Printable(given)));
        }

        var resolved = Path.GetFullPath(Path.Combine(BaseDirectory, given));
        switch (SafeFile.Check(resolved, long.MaxValue, null, out _))
        {
            case FileProblem.Missing:
                Report(ConfigDiagnostics.FileNotFound(at, key, given, resolved));
                break;
            case FileProblem.DanglingLink:
                Report(PathDiagnostics.DanglingLink(at, key, given));
                break;
            case FileProblem.NotRegular:
                Report(PathDiagnostics.NotRegularFile(at, key, given));
                break;
        }

        return resolved;
    }
}
