namespace ModelCompress.Engine.Caching;

/// <summary>
/// An exclusive, cross-process lock on one cache key: a <c>locks/&lt;key&gt;.lock</c> file opened without sharing
/// (an advisory lock the OS drops when a process dies, even by kill -9). Builds that need the same step wait for
/// the one computing it and then read its entry, so each step key is computed once. The file stays behind; its
/// write time is set when the lock is taken, so <see cref="CacheSweeper"/> can remove lock files nobody has taken
/// for an hour and nobody holds now.
/// </summary>
public sealed class KeyLock : IDisposable
{
    /// <summary>The folder under the cache root that holds the lock files.</summary>
    public const string Folder = "locks";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly FileStream? _file;

    private KeyLock(FileStream? file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; after that, or when locks cannot be made, goes on unlocked.</summary>
    public static KeyLock Acquire(string root, string key, TimeSpan timeout)
    {
        var path = Path.Combine(root, Folder, key + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                MarkTaken(file);
                return new KeyLock(file);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Poll); // Another build holds it: it is computing this step right now.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Locking is an optimisation: without it two builds may compute the same step, never a wrong one.
                return new KeyLock(null);
            }
        }
    }

    // "Taken just now", so the sweep leaves it alone; a lock whose time cannot be set is still a lock.
    private static void MarkTaken(FileStream file)
    {
        try
        {
            File.SetLastWriteTimeUtc(file.SafeFileHandle, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only the sweep's age check is weaker: it still never removes a lock that is held.
        }
    }

    /// <summary>
    /// Removes the lock file at <paramref name="path"/> when no process holds it: it is taken without waiting, and
    /// deleted when closed, so a build that waits for it opens a fresh one. False when it is held.
    /// </summary>
    internal static bool TryRemoveUnheld(string path)
    {
        try
        {
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // Held by a live build (or already gone).
        }
    }

    public void Dispose() => _file?.Dispose();
}
