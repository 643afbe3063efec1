using System.Diagnostics;
using ModelCompress.Engine.Caching;

namespace ModelCompress.Cli.Tests.Engine;

/// <summary>
/// Lock files (<c>locks/&lt;key&gt;.lock</c>) outlive the builds that took them; a killed build's lock is released by
/// the OS but its file stays. The sweep (on open and <c>cache gc</c>) removes a lock file only when nobody has taken it
/// for an hour and nobody holds it now.
/// </summary>
public sealed class StaleLockTests
{
    [Fact]
    public void Lock_file_of_a_killed_process_is_swept_on_open_once_an_hour_old()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // util-linux flock holds the lock from another process; the Windows lock is a share mode, not flock
        }

        using var project = new TempProject();
        var cache = ArtifactCache.Open(project.CacheDir);
        var path = Unheld(cache, "a", TimeSpan.Zero);

        // Another process takes the lock the way the engine does (flock, exclusive) and is killed by SIGKILL.
        using (var holder = System.Diagnostics.Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-x", "-o", path, "sleep", "60"]) { UseShellExecute = false })!)
        {
            WaitUntil(() => !Free(path));
            Age(path, TimeSpan.FromHours(2));
            ArtifactCache.Open(project.CacheDir);
            Assert.True(File.Exists(path), "a held lock must never be swept, however old");
            holder.Kill(entireProcessTree: true); // -o: the sleep it runs does not inherit the lock
            holder.WaitForExit();
        }

        ArtifactCache.Open(project.CacheDir);

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Gc_removes_old_unheld_locks_and_keeps_fresh_and_held_ones()
    {
        using var project = new TempProject();
        var cache = ArtifactCache.Open(project.CacheDir);
        var old = Unheld(cache, "b", TimeSpan.FromHours(3));
        var fresh = Unheld(cache, "c", TimeSpan.FromMinutes(10));
        using (KeyLock.Acquire(cache.Root, new string('d', 32), TimeSpan.Zero))
        {
            var held = LockPath(cache, "d");
            Age(held, TimeSpan.FromHours(3)); // taken long ago and still held: a long training step

            var (exit, output) = ToolProcess.Run(null, "cache", "gc", "--cache-dir", project.CacheDir);

            Assert.Equal(0, exit);
            Assert.Contains("Removed 1 leftovers", output, StringComparison.Ordinal);
            Assert.False(File.Exists(old));
            Assert.True(File.Exists(fresh));
            Assert.True(File.Exists(held));
        }
    }

    [Fact]
    public void Taking_a_lock_marks_it_fresh_so_an_old_file_in_use_is_not_swept()
    {
        using var project = new TempProject();
        var cache = ArtifactCache.Open(project.CacheDir);
        var path = Unheld(cache, "e", TimeSpan.FromHours(5));

        using (KeyLock.Acquire(cache.Root, new string('e', 32), TimeSpan.Zero))
        {
            Assert.True(File.GetLastWriteTimeUtc(path) > DateTime.UtcNow - TimeSpan.FromMinutes(1));
        }

        Assert.Equal(0, CacheSweeper.Sweep(cache.Root, CacheSweeper.StaleAfter));
        Assert.True(File.Exists(path));
    }

    private static string LockPath(ArtifactCache cache, string c) => Path.Combine(cache.Root, KeyLock.Folder, new string(c[0], 32) + ".lock");

    private static string Unheld(ArtifactCache cache, string c, TimeSpan age)
    {
        var path = LockPath(cache, c);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, []);
        Age(path, age);
        return path;
    }

    private static void Age(string path, TimeSpan age) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);

    private static bool Free(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "flock did not take the lock in 20 s");
            Thread.Sleep(50);
        }
    }
}
