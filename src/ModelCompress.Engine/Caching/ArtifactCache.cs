using System.Text.Json;

namespace ModelCompress.Engine.Caching;

/// <summary>
/// Content-addressed store of step outputs. An entry is a folder <c>&lt;root&gt;/&lt;key[0..2]&gt;/&lt;key&gt;/</c> holding
/// <c>artifact.onnx</c> (with <c>artifact.onnx.data</c> when the model keeps external data) and <c>record.json</c>. Entries are built in a private temporary folder and moved into place
/// with one rename, so two builds sharing the cache never see half an entry; whichever rename lands first wins and
/// the other is discarded (same key means same content).
/// </summary>
public sealed class ArtifactCache
{
    /// <summary>Where entries are built before they are moved into place.</summary>
    public const string StagingFolder = "tmp";

    /// <summary>Where damaged entries are moved, each with a <c>reason.txt</c>, until the sweep removes them.</summary>
    public const string QuarantineFolder = "quarantine";

    private const string RecordFile = "record.json";
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public ArtifactCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>
    /// Checks that the cache folder can be created and written (a clear MC5001 otherwise), and sweeps away what
    /// killed builds left there more than an hour ago.
    /// </summary>
    public static ArtifactCache Open(string root)
    {
        var cache = new ArtifactCache(root);
        try
        {
            Directory.CreateDirectory(cache.Root);
            var probe = Path.Combine(cache.Root, $".probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CompressionException(CacheDiagnostics.CacheDirectoryNotWritable(cache.Root, e.Message));
        }

        CacheSweeper.Sweep(cache.Root, CacheSweeper.StaleAfter);
        return cache;
    }

    /// <summary>
    /// The entry stored under <paramref name="key"/>, checked (<see cref="CacheEntryCheck"/>). A damaged entry, one
    /// that lost its record or artifact, or one whose inputs are not <paramref name="expectedParts"/>, is moved to
    /// the quarantine folder with a note and reported as <see cref="CacheLookupStatus.Corrupt"/>, so the caller
    /// recomputes it and the fresh result can be stored in its place.
    /// </summary>
    public CacheLookup TryGet(string key, IReadOnlyList<string>? expectedParts = null)
    {
        var folder = EntryFolder(key);
        if (!Directory.Exists(folder))
        {
            return CacheLookup.Miss;
        }

        string? problem;
        CacheRecord? record = null;
        ModelArtifact? artifact = null;
        try
        {
            record = JsonSerializer.Deserialize<CacheRecord>(File.ReadAllText(Path.Combine(folder, RecordFile)));
            artifact = ModelArtifact.InFolder(folder);
            problem = CacheEntryCheck.Problem(key, record, artifact, expectedParts);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Entries appear and leave by whole-folder renames, so a folder that is still there without one of its
            // files was damaged (by hand or by a disk); gone altogether means another build evicted it just now.
            if (!Directory.Exists(folder))
            {
                return CacheLookup.Miss;
            }

            problem = File.Exists(Path.Combine(folder, RecordFile)) ? "the artifact is missing" : "the record is missing";
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = e.Message;
        }

        if (problem is null)
        {
            return new CacheLookup(CacheLookupStatus.Hit, artifact, record, null);
        }

        Quarantine(folder, key, problem);
        return new CacheLookup(CacheLookupStatus.Corrupt, null, null, problem);
    }

    /// <summary>
    /// A new, empty folder to write a step's artifact in (<see cref="ModelArtifact.Write"/>) before <see cref="TryPut"/>
    /// moves it into place. When the cache's staging area cannot be written, a folder in the system's temporary
    /// folder stands in (and <see cref="TryPut"/> will report the failed write).
    /// </summary>
    public string NewStagingFolder()
    {
        var name = Guid.NewGuid().ToString("N");
        try
        {
            return Directory.CreateDirectory(Path.Combine(Root, StagingFolder, name)).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IO.EngineTemp.NewFolder(); // swept like every scratch folder once stale
        }
    }

    /// <summary>
    /// Stores <paramref name="staged"/>, written in a <see cref="NewStagingFolder"/>, under <paramref name="record"/>'s key
    /// by one folder rename (the files are neither copied nor hashed again). Returns the artifact where it now lies: in
    /// the entry, or where it was when the write failed, with a warning then: a cache problem never breaks a build.
    /// </summary>
    public (ModelArtifact Artifact, Diagnostic? Warning) TryPut(CacheRecord record, ModelArtifact staged)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(staged);
        var folder = EntryFolder(record.Key);
        var staging = Path.GetDirectoryName(staged.Path)!;
        try
        {
            File.WriteAllText(Path.Combine(staging, RecordFile), JsonSerializer.Serialize(record, JsonOptions));
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            if (!Directory.Exists(folder))
            {
                Directory.Move(staging, folder);
            }
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another build stored the same key first (or won the race for the rename); its content is identical.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The staged files stay where they are for this run; the sweep removes them later.
            return (staged, CacheDiagnostics.CacheWriteFailed(Root, e.Message));
        }

        TryDelete(staging);
        return (staged.MovedTo(folder), null);
    }

    /// <summary>Every entry with its verdict, for <c>modelcompress cache verify</c>; damaged entries are quarantined.</summary>
    public IEnumerable<(string Key, CacheLookupStatus Status, string? Problem)> Verify()
    {
        foreach (var key in Keys())
        {
            var lookup = TryGet(key);
            yield return (key, lookup.Status, lookup.Problem);
        }
    }

    public IReadOnlyList<string> Keys()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Root)
            .Where(d => Path.GetFileName(d).Length == 2)
            .SelectMany(prefix => Directory.EnumerateDirectories(prefix)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => IsKey(name) && name.StartsWith(Path.GetFileName(prefix), StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public long SizeInBytes() =>
        Directory.Exists(Root)
            ? new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;

    public void Clear()
    {
        foreach (var key in Keys())
        {
            Evict(EntryFolder(key));
        }

        TryDelete(Path.Combine(Root, StagingFolder));
        TryDelete(Path.Combine(Root, QuarantineFolder));
        TryDelete(Path.Combine(Root, "evaluations"));
    }

    private static bool IsKey(string name) => name.Length == 32 && name.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private string EntryFolder(string key) => Path.Combine(Root, key[..2], key);

    private void Quarantine(string folder, string key, string problem)
    {
        // Kept aside (not deleted) so a damaged entry can be looked at; the sweep removes it after an hour.
        var aside = Path.Combine(Root, QuarantineFolder, key + "." + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(Root, QuarantineFolder));
            Directory.Move(folder, aside);
            File.WriteAllText(Path.Combine(aside, "reason.txt"), problem + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Evict(folder);
        }
    }

    private static void Evict(string folder)
    {
        // Move aside first so a concurrent reader never sees a half-deleted entry.
        var doomed = folder + ".evicted-" + Guid.NewGuid().ToString("N");
        try
        {
            Directory.Move(folder, doomed);
            Directory.Delete(doomed, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next reader to evict; it will be detected again.
        }
    }

    /// <summary>Removes a staging folder whose artifact will not be stored (the step failed after writing it).</summary>
    public static void Discard(string staging) => TryDelete(staging);

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover staging folder is harmless.
        }
    }
}
