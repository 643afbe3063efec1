namespace ModelCompress.Engine.Caching;

/// <summary>
/// A staging folder a live run keeps for as long as a model's run lasts, which may be longer than the sweep's age (the
/// copy of the user's source model, opened by path at the end to compare latency). A lock file inside, held open until
/// <see cref="Dispose"/>, tells every sweep to leave the folder alone; a killed run's lock is released by the OS, and
/// the folder is then swept like any other once stale.
/// </summary>
public sealed class HeldFolder : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string LockName = ".in-use";

    private readonly FileStream _lock;

    private HeldFolder(string path)
    {
        Path = path;
        _lock = new FileStream(System.IO.Path.Combine(path, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A new staging folder of <paramref name="cache"/>, held until disposed.</summary>
    public static HeldFolder Create(ArtifactCache cache) => new(cache.NewStagingFolder());

    /// <summary>Whether a live process holds <paramref name="folder"/> (a folder without a lock file is not held).</summary>
    public static bool IsHeld(string folder)
    {
        var file = System.IO.Path.Combine(folder, LockName);
        if (!File.Exists(file))
        {
            return false;
        }

        try
        {
            using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }

            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Releases the lock and removes the folder.</summary>
    public void Dispose()
    {
        _lock.Dispose();
        ArtifactCache.Discard(Path);
    }
}
