namespace ModelCompress.Engine.Caching;

/// <summary>
/// The run record kept beside every cached artifact: what produced it, from what, and the hash of the artifact
/// itself, so a damaged entry is detected rather than used.
/// </summary>
public sealed record CacheRecord(
    int Version,
    string Key,
    string ParentKey,
    string RunnerKey,
    string Settings,
    string ArtifactHash,
    long ArtifactBytes,
    double DurationMs,
    IReadOnlyList<KeyValuePair<string, string>> Facts)
{
    public const int CurrentVersion = 1;
}
