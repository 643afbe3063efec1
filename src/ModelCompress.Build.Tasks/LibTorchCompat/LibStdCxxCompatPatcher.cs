namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// Marks a library's need for a libstdc++ version weak (VER_FLG_WEAK in its Vernaux entry) when the host
/// lacks that version and the library binds nothing but marker symbols to it. GCC 13's &lt;iostream&gt; makes
/// every object reference <c>std::ios_base_library_init</c> (GLIBCXX_3.4.32) without ever calling it, so a
/// library built with GCC 13 refuses to load on older distributions for no real reason.
/// </summary>
internal static class LibStdCxxCompatPatcher
{
    /// <summary>Versions that may be weakened by default.</summary>
    public static readonly IReadOnlyList<string> DefaultVersions = ["GLIBCXX_3.4.32"];

    /// <summary>Symbols that exist only as markers and are never called or relocated.</summary>
    public static readonly IReadOnlyList<string> DefaultMarkerSymbols = ["_ZSt21ios_base_library_initv"];

    /// <summary>
    /// The versions the library needs, less <paramref name="excluded"/>: a stand-in for "a host that has every
    /// version but those", used when patching for a package rather than for this machine.
    /// </summary>
    public static ISet<string> VersionsExcept(string libraryPath, IReadOnlyCollection<string> excluded) =>
        new HashSet<string>(
            ElfVersioning.ReadNeeds(ElfImage.Parse(File.ReadAllBytes(libraryPath), libraryPath))
                .Select(n => n.Version)
                .Where(v => !excluded.Contains(v)),
            StringComparer.Ordinal);

    /// <summary>
    /// Patches <paramref name="libraryPath"/> if needed. The file is never written in place: it may be a hard
    /// link into the NuGet cache, so a patched copy is written beside it and renamed over it, which breaks the link.
    /// </summary>
    public static CompatPatchResult Patch(
        string libraryPath,
        ISet<string> hostVersions,
        IReadOnlyCollection<string> weakenable,
        IReadOnlyCollection<string> markerSymbols)
    {
        var image = ElfImage.Parse(File.ReadAllBytes(libraryPath), libraryPath);
        var missing = ElfVersioning.ReadNeeds(image)
            .Where(n => n.File == HostLibStdCxx.SonameFile && !hostVersions.Contains(n.Version))
            .ToList();
        if (missing.Count == 0)
        {
            return new CompatPatchResult(CompatPatchOutcome.NotNeeded, []);
        }

        var toPatch = missing.Where(n => !n.IsWeak).ToList();
        if (toPatch.Count == 0)
        {
            return new CompatPatchResult(CompatPatchOutcome.AlreadyWeak, missing.Select(n => n.Version).ToList());
        }

        foreach (var need in toPatch)
        {
            var users = ElfVersioning.SymbolsUsingVersion(image, need.Index);
            var real = users.Where(s => !markerSymbols.Contains(s)).ToList();
            if (!weakenable.Contains(need.Version) || real.Count > 0)
            {
                var why = real.Count > 0
                    ? $"it binds {string.Join(", ", real.Take(5))} to {need.Version}"
                    : $"{need.Version} is not in the list of versions that may be weakened";
                return new CompatPatchResult(
                    CompatPatchOutcome.Unfixable,
                    toPatch.Select(n => n.Version).ToList(),
                    $"'{libraryPath}' needs {need.Version} of {HostLibStdCxx.SonameFile}, which this machine's libstdc++ lacks, and {why}.");
            }
        }

        WritePatchedCopy(libraryPath, toPatch);
        return new CompatPatchResult(CompatPatchOutcome.Patched, toPatch.Select(n => n.Version).ToList());
    }

    private static void WritePatchedCopy(string libraryPath, IReadOnlyList<ElfVersionNeed> needs)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(libraryPath))!;
        var temp = Path.Combine(directory, "." + Path.GetFileName(libraryPath) + ".mcpatch-" + Guid.NewGuid().ToString("N"));
        var lastWrite = File.GetLastWriteTimeUtc(libraryPath);
        try
        {
            // File.Copy keeps the mode bits; the copy is a new inode, unlike the (possibly hard-linked) original.
            File.Copy(libraryPath, temp, overwrite: true);
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                foreach (var need in needs)
                {
                    var flags = (ushort)(need.Flags | ElfVersionNeed.WeakFlag);
                    stream.Position = need.FlagsOffset;
                    stream.WriteByte((byte)(flags & 0xff));
                    stream.WriteByte((byte)(flags >> 8));
                }
            }

            // Same size and time as the package's file, so copy-local's SkipUnchangedFiles leaves the patched
            // copy alone on the next build instead of re-linking the original over it.
            File.SetLastWriteTimeUtc(temp, lastWrite);

            // On Unix File.Replace without a backup is rename(2): atomic, and it replaces the directory entry.
            File.Replace(temp, libraryPath, destinationBackupFileName: null);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
