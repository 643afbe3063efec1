namespace ModelCompress.Engine.Caching;

/// <summary>
/// An exclusive, cross-process lock on one cache key: a <c>locks/&lt;key&gt;.lock</c> file opened without sharing
/// (an advisory lock the OS drops when a process dies, even by kill -9). Builds that need the same step wait for
/// the one computing it and then read its entry, so each step key is computed once.
/// </summary>
public sealed class KeyLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly FileStream? _file;

    private KeyLock(FileStream? file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; after that, or when locks cannot be made, goes on unlocked.</summary>
    public static KeyLock Acquire(string root, string key, TimeSpan timeout)
    {
        var path = Path.Combine(root, "locks", key + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                return new KeyLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
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

    public void Dispose() => _file?.Dispose();
}
