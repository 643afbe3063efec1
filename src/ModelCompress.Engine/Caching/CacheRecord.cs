namespace ModelCompress.Engine.Caching;

/// <summary>
/// The run record kept beside every cached artifact: what produced it, from what, the parts its key was hashed
/// from, and the hash of the artifact itself, so a damaged or misplaced entry is detected rather than used.
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
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyList<string>? KeyParts = null)
{
    /// <summary>Version 2 added <see cref="KeyParts"/>: an entry must show that its key hashes from its inputs.</summary>
    public const int CurrentVersion = 2;
}
