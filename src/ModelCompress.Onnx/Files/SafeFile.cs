using System.Runtime.InteropServices;

namespace ModelCompress.Onnx.Files;

/// <summary>
/// Checks a path before anything opens it: a FIFO would block the read forever, /dev/zero or /dev/urandom never
/// end, a dangling symlink throws deep inside a reader, and a symlink beside a model can point at any file on the
/// machine. Every input file goes through <see cref="Check"/> first.
/// </summary>
public static class SafeFile
{
    // POSIX allows 40 hops (Linux's MAXSYMLINKS) before ELOOP; a loop is reported as a dangling link.
    private const int MaxLinkHops = 40;

    /// <summary>
    /// Checks that <paramref name="path"/> is a regular file of at most <paramref name="maxBytes"/> bytes and, when
    /// <paramref name="allowedFolder"/> is given, that its real location (symlinks resolved) lies inside that
    /// folder's real location. <paramref name="realPath"/> is the resolved path when the answer is
    /// <see cref="FileProblem.None"/>, <see cref="FileProblem.TooLarge"/> or <see cref="FileProblem.OutsideFolder"/>.
    /// </summary>
    public static FileProblem Check(string path, long maxBytes, string? allowedFolder, out string realPath)
    {
        realPath = path;
        if (HasBadCharacter(path))
        {
            return FileProblem.BadName;
        }

        var full = Path.GetFullPath(path);
        var entry = new FileInfo(full);
        if (!entry.Exists && entry.LinkTarget is null)
        {
            return Directory.Exists(full) ? FileProblem.NotRegular : FileProblem.Missing;
        }

        if (RealPath(full) is not { } real)
        {
            return FileProblem.DanglingLink;
        }

        realPath = real;
        if (!File.Exists(real))
        {
            return Directory.Exists(real) ? FileProblem.NotRegular : FileProblem.DanglingLink;
        }

        if (allowedFolder is not null && !IsInside(real, RealPath(Path.GetFullPath(allowedFolder)) ?? allowedFolder))
        {
            return FileProblem.OutsideFolder;
        }

        if (!IsRegular(real))
        {
            return FileProblem.NotRegular;
        }

        return new FileInfo(real).Length > maxBytes ? FileProblem.TooLarge : FileProblem.None;
    }

    /// <summary>True when a path text holds NUL or another control character no real file name should have.</summary>
    public static bool HasBadCharacter(string path) => path.Any(c => c < ' ' || c == '\u007f');

    /// <summary>A sentence for a problem, naming the path and what to do.</summary>
    public static string Describe(FileProblem problem, string path, string? realPath, string? allowedFolder, long maxBytes) => problem switch
    {
        FileProblem.Missing => $"'{path}' does not exist.",
        FileProblem.DanglingLink => $"'{path}' is a symbolic link whose target does not exist (or a loop of links). Fix or remove the link.",
        FileProblem.NotRegular => $"'{path}' is not a regular file (a folder, FIFO, socket or device). Give the path of an ordinary file.",
        FileProblem.BadName => $"the path '{Printable(path)}' contains a NUL or control character. Remove it from the path.",
        FileProblem.OutsideFolder => $"'{path}' resolves to '{realPath}', outside the allowed folder '{allowedFolder}'. Copy the file into that folder instead of linking to it.",
        FileProblem.TooLarge => $"'{path}' is larger than the limit of {maxBytes} bytes.",
        _ => $"'{path}' is fine.",
    };

    /// <summary>The path with control characters shown as \uXXXX, safe to print.</summary>
    public static string Printable(string path) =>
        string.Concat(path.Select(c => c < ' ' || c == '\u007f' ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>True when <paramref name="file"/> lies strictly inside <paramref name="folder"/> (both real paths).</summary>
    public static bool IsInside(string file, string folder)
    {
        var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return file.StartsWith(prefix, comparison);
    }

    /// <summary>
    /// The path with every symlink in every component resolved, like POSIX realpath; null for a dangling link or a
    /// loop. '..' after a link is taken from the link's real folder, not from the text.
    /// </summary>
    public static string? RealPath(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var pending = new List<string>(Split(fullPath[root.Length..]));
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                if (pending.Count > 0 && !Directory.Exists(next))
                {
                    return null;
                }

                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            pending.InsertRange(0, Split(target));
        }

        return current;
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    // .NET reports FIFOs and devices as "Normal" files; only the file-type bits of stat(2) tell them apart. The
    // runtime's own System.Native shim (present in every .NET on Unix) exposes stat with a fixed layout whose
    // second int is st_mode. Without it (Windows, or a runtime that lacks the shim) the check is skipped.
    private static bool IsRegular(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return NativeStat(path, out var status) != 0 || (status.Mode & FileTypeMask) == RegularFile;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int NativeStat(string path, out StatPrefix status);

    // The leading fields of System.Native's FileStatus; Size pads for the fields this code does not read.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatPrefix
    {
#pragma warning disable CS0649 // written by the native call
        public int Flags;
        public int Mode;
#pragma warning restore CS0649
    }
}
