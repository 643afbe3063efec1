namespace ModelCompress.Engine.Caching;

/// <summary>
/// Removes what killed or crashed builds leave in a cache: staging folders under <c>tmp/</c>, half-evicted
/// <c>*.evicted-*</c> folders, probe files and half-written evaluation files, once they are older than <see cref="StaleAfter"/> (a live build
/// keeps such things for seconds), quarantined entries after the same time, and lock files not taken for that long
/// that no process holds (the OS released a killed build's lock; the file stays).
/// </summary>
public static class CacheSweeper
{
    /// <summary>How old a leftover must be before it is removed.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>Removes leftovers older than <paramref name="age"/>; returns how many were removed.</summary>
    public static int Sweep(string root, TimeSpan age)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var cutoff = DateTime.UtcNow - age;
        var removed = 0;
        try
        {
            var leftovers = Children(Path.Combine(root, ArtifactCache.StagingFolder))
                .Concat(Children(Path.Combine(root, ArtifactCache.QuarantineFolder)))
                .Concat(Directory.EnumerateDirectories(root).Where(d => Path.GetFileName(d).Length == 2)
                    .SelectMany(d => Directory.EnumerateDirectories(d, "*.evicted-*")))
                .Concat(Directory.EnumerateFiles(root, ".probe-*"))
                .Concat(Children(Path.Combine(root, "evaluations")).Where(p => Path.GetFileName(p).StartsWith('.') && p.EndsWith(".tmp", StringComparison.Ordinal)));
            foreach (var path in leftovers.ToList())
            {
                removed += RemoveIfOlder(path, cutoff) ? 1 : 0;
            }

            foreach (var path in Children(Path.Combine(root, KeyLock.Folder)).Where(p => p.EndsWith(".lock", StringComparison.Ordinal)).ToList())
            {
                removed += File.GetLastWriteTimeUtc(path) < cutoff && KeyLock.TryRemoveUnheld(path) ? 1 : 0;
            }

            IO.EngineTemp.Sweep(cutoff); // the system temporary folder: not counted as the cache's leftovers
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A sweep is housekeeping: a folder that cannot be listed now is swept next time.
        }

        return removed;
    }

    private static IEnumerable<string> Children(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder) : [];

    private static bool RemoveIfOlder(string path, DateTime cutoff)
    {
        try
        {
            if (File.Exists(path))
            {
                if (File.GetLastWriteTimeUtc(path) >= cutoff)
                {
                    return false;
                }

                File.Delete(path);
                return true;
            }

            if (!Directory.Exists(path) || NewestWrite(path) >= cutoff || HeldFolder.IsHeld(path))
            {
                return false;
            }

            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // In use or already gone: another build is looking after it.
        }
    }

    /// <summary>
    /// When a folder was last worked on: its own time changes only when entries are added or removed, so the newest
    /// time of anything inside counts.
    /// </summary>
    public static DateTime NewestWrite(string folder) =>
        new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(i => i.LastWriteTimeUtc)
            .Append(Directory.GetLastWriteTimeUtc(folder))
            .Max();
}
