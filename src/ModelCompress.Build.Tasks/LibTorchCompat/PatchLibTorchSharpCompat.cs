namespace ModelCompress.Build.Tasks.LibTorchCompat;

/// <summary>
/// Makes the copied libLibTorchSharp.so load on hosts whose libstdc++ is older than the GCC that built it, by
/// marking marker-only version needs weak in the output folder's copy. Runs only where the host lacks a
/// version; a library that really needs a newer libstdc++ gets a warning instead of a silent patch.
/// </summary>
public sealed class PatchLibTorchSharpCompat : Task
{
    /// <summary>The copied native libraries to check (files in the output folder, never the package's originals).</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = [];

    /// <summary>The libstdc++.so.6 to compare against; found the way the dynamic loader would when empty.</summary>
    public string? HostLibStdCxx { get; set; }

    /// <summary>
    /// True when the library goes into a package that runs on hosts unknown at build time: every weakenable
    /// version is treated as missing, whatever this machine's libstdc++ has. A weak need is harmless where the
    /// version exists (the loader still checks it there); where it is missing, the library loads.
    /// </summary>
    public bool ForPackage { get; set; }

    /// <summary>Versions that may be weakened (default GLIBCXX_3.4.32).</summary>
    public string[]? WeakenVersions { get; set; }

    /// <summary>The libraries this run patched.</summary>
    [Output]
    public ITaskItem[] PatchedLibraries { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var patched = new List<ITaskItem>();
        ISet<string>? hostVersions = null;
        foreach (var item in Libraries)
        {
            var path = item.GetMetadata("FullPath");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                var weakenable = WeakenVersions is { Length: > 0 } ? WeakenVersions : LibStdCxxCompatPatcher.DefaultVersions;
                hostVersions = ForPackage ? LibStdCxxCompatPatcher.VersionsExcept(path, weakenable) : hostVersions ?? LoadHostVersions(path);
                if (hostVersions is null)
                {
                    return !Log.HasLoggedErrors;
                }

                var result = LibStdCxxCompatPatcher.Patch(path, hostVersions, weakenable, LibStdCxxCompatPatcher.DefaultMarkerSymbols);
                Report(path, result, patched, item);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                Log.LogError(null, LibTorchCompatCodes.CannotPatch, null, path, 0, 0, 0, 0,
                    "Cannot check or patch '{0}': {1} Delete the output folder and build again.", path, e.Message);
            }
        }

        PatchedLibraries = patched.ToArray();
        return !Log.HasLoggedErrors;
    }

    private ISet<string>? LoadHostVersions(string libraryPath)
    {
        var host = HostLibStdCxx;
        if (string.IsNullOrEmpty(host))
        {
            var machine = ElfImage.Parse(File.ReadAllBytes(libraryPath), libraryPath).Machine;
            host = LibTorchCompat.HostLibStdCxx.Find(machine);
        }

        if (host is null || !File.Exists(host))
        {
            Log.LogWarning(null, LibTorchCompatCodes.NoHostLibStdCxx, null, null, 0, 0, 0, 0,
                "No libstdc++.so.6 found on this machine (LD_LIBRARY_PATH, /etc/ld.so.cache, standard lib directories); libLibTorchSharp.so is left as is. Install libstdc++6 or set ModelCompressHostLibStdCxx.");
            return null;
        }

        var versions = LibTorchCompat.HostLibStdCxx.ReadVersions(host);
        Log.LogMessage(MessageImportance.Low, "Host libstdc++: {0} (newest GLIBCXX defined: {1})", host,
            versions.Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal)).OrderBy(v => v, StringComparer.Ordinal).LastOrDefault());
        return versions;
    }

    private void Report(string path, CompatPatchResult result, List<ITaskItem> patched, ITaskItem item)
    {
        var versions = string.Join(", ", result.Versions);
        switch (result.Outcome)
        {
            case CompatPatchOutcome.Patched:
                Log.LogMessage(MessageImportance.Normal, ForPackage ? "Marked {0} weak in '{1}' for the package (hosts without it can load it; only marker symbols use it)." : "Marked {0} weak in '{1}' (this machine's libstdc++ lacks it; only marker symbols use it).", versions, path);
                patched.Add(item);
                break;
            case CompatPatchOutcome.AlreadyWeak:
                Log.LogMessage(MessageImportance.Low, "'{0}': {1} already weak.", path, versions);
                break;
            case CompatPatchOutcome.Unfixable:
                Log.LogWarning(null, LibTorchCompatCodes.Unfixable, null, path, 0, 0, 0, 0,
                    "{0} TorchSharp will fail to load here: install a newer libstdc++6 (GCC 13 or later) or run on a newer distribution.", result.Problem);
                break;
            default:
                Log.LogMessage(MessageImportance.Low, "'{0}': the host libstdc++ has every version it needs.", path);
                break;
        }
    }
}
