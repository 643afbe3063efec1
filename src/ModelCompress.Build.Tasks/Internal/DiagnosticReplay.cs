using System.Text;
using System.Text.RegularExpressions;

namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// The engine's warnings and errors of its last run, kept as the canonical lines it printed
/// (<c>file(line,col): warning MC2003: ...</c>), so a build that skips the engine as up to date can log them
/// again, exactly as they were: a budget warning must not vanish on the next build.
/// </summary>
internal static class DiagnosticReplay
{
    private static readonly Regex Canonical = new(@"\b(error|warning) MC\d{4}\s*:", RegexOptions.CultureInvariant);

    /// <summary>True for a line MSBuild turns into a warning or error with an MC code.</summary>
    public static bool IsDiagnostic(string line) => Canonical.IsMatch(line);

    /// <summary>Replaces the file with the lines (none: an empty file); written beside, then moved into place.</summary>
    public static void Write(string path, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
        Delete(path);
        File.Move(temp, path);
    }

    /// <summary>The recorded lines; none when the file is missing.</summary>
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            return Array.Empty<string>();
        }

        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            if (IsDiagnostic(line))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>Removes the record, so a run that fails half way cannot leave the previous run's lines behind.</summary>
    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
