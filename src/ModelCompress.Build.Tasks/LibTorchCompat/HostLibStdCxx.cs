using System.Text;

namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// Finds the libstdc++.so.6 the dynamic loader of this machine would pick and reads which GLIBCXX/CXXABI
/// versions it defines.
/// </summary>
internal static class HostLibStdCxx
{
    public const string SonameFile = "libstdc++.so.6";

    // Debian/Ubuntu multiarch first, then Fedora/RHEL, then the generic ones.
    private static readonly string[] StandardDirectories =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
    ];

    /// <summary>
    /// The host's libstdc++.so.6 for ELF machine <paramref name="machine"/>, or null when there is none: the
    /// directories of LD_LIBRARY_PATH (the loader searches them first), the paths listed in /etc/ld.so.cache,
    /// then the standard library directories.
    /// </summary>
    public static string? Find(ushort machine, string ldCachePath = "/etc/ld.so.cache")
    {
        foreach (var candidate in Candidates(ldCachePath))
        {
            if (File.Exists(candidate) && MachineOf(candidate) == machine)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The versions a libstdc++ defines, from its <c>.gnu.version_d</c>; when a library has no such table (or
    /// cannot be parsed) the printable GLIBCXX_/CXXABI_ strings of the file stand in.
    /// </summary>
    public static ISet<string> ReadVersions(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            var defined = ElfVersioning.ReadDefinitions(ElfImage.Parse(bytes, path));
            if (defined.Count > 0)
            {
                return defined;
            }
        }
        catch (FormatException)
        {
            // Fall through to the string scan below.
        }

        return ScanVersionStrings(bytes);
    }

    /// <summary>Paths ending in /libstdc++.so.6 found in the binary ld.so.cache (both cache formats keep plain strings).</summary>
    internal static IEnumerable<string> ReadLdCache(string ldCachePath)
    {
        if (!File.Exists(ldCachePath))
        {
            yield break;
        }

        foreach (var text in PrintableStrings(File.ReadAllBytes(ldCachePath)))
        {
            if (text.StartsWith("/", StringComparison.Ordinal) && text.EndsWith("/" + SonameFile, StringComparison.Ordinal))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Candidates(string ldCachePath)
    {
        var ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? string.Empty;
        foreach (var dir in ldPath.Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(dir, SonameFile);
        }

        foreach (var path in ReadLdCache(ldCachePath))
        {
            yield return path;
        }

        foreach (var dir in StandardDirectories)
        {
            yield return Path.Combine(dir, SonameFile);
        }
    }

    private static ushort? MachineOf(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var header = new byte[20];
            if (stream.Read(header, 0, header.Length) != header.Length || header[0] != 0x7f || header[4] != 2)
            {
                return null;
            }

            return ElfImage.ReadU16(header, 0x12);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ISet<string> ScanVersionStrings(byte[] bytes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in PrintableStrings(bytes))
        {
            if (text.StartsWith("GLIBCXX_", StringComparison.Ordinal) || text.StartsWith("CXXABI_", StringComparison.Ordinal))
            {
                names.Add(text);
            }
        }

        return names;
    }

    private static IEnumerable<string> PrintableStrings(byte[] bytes)
    {
        var current = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b >= 0x20 && b < 0x7f)
            {
                current.Append((char)b);
                continue;
            }

            if (current.Length >= 4)
            {
                yield return current.ToString();
            }

            current.Clear();
        }

        if (current.Length >= 4)
        {
            yield return current.ToString();
        }
    }
}
