namespace ModelCompress.Engine.Caching;

/// <summary>What the cache answered: a verified hit, a miss, or an entry that was damaged and has been removed.</summary>
public sealed record CacheLookup(CacheLookupStatus Status, ModelArtifact? Artifact, CacheRecord? Record, string? Problem)
{
    public static CacheLookup Miss { get; } = new(CacheLookupStatus.Miss, null, null, null);
}

public enum CacheLookupStatus
{
    Hit,
    Miss,
    Corrupt,
}
