namespace ModelCompress.Engine.Caching;

/// <summary>MC5001–MC5099: the cache and the files the engine writes.</summary>
public static class CacheDiagnostics
{
    public static Diagnostic CacheDirectoryNotWritable(string root, string reason) => Diagnostic.Error(
        "MC5001",
        $"The cache folder '{root}' cannot be written ({reason}). Point ModelCompressCacheDir (or --cache-dir) at a writable folder.",
        file: root);

    public static Diagnostic CacheWriteFailed(string root, string reason) => Diagnostic.Warning(
        "MC5002",
        $"A result could not be stored in the cache '{root}' ({reason}); the build goes on without caching it. Check free space and permissions.",
        file: root);

    public static Diagnostic CorruptEntry(string root, string key, string problem) => Diagnostic.Warning(
        "MC5003",
        $"Cache entry {key} in '{root}' was damaged ({problem}); it was quarantined under '{ArtifactCache.QuarantineFolder}' and the step recomputed. Nothing to do unless this repeats.",
        file: root);

    public static Diagnostic OutputNotWritable(string path, string reason) => Diagnostic.Error(
        "MC5004",
        $"Cannot write '{path}' ({reason}). Check that the output folder is writable and not locked by another process.",
        file: path);
}
