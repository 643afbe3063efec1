namespace ModelCompress.Engine.Caching;

/// <summary>
/// Whether a cache entry may be used: its record and artifact agree, and the record names the key it is stored
/// under together with the inputs that key was hashed from (and, when the caller knows them, the same inputs).
/// An artifact copied under another key, or a record edited to match, fails here rather than being used.
/// </summary>
internal static class CacheEntryCheck
{
    /// <returns>Null when the entry is sound, else what is wrong with it.</returns>
    public static string? Problem(string key, CacheRecord? record, ModelArtifact artifact, IReadOnlyList<string>? expectedParts) => record switch
    {
        null => "the record is empty",
        { Version: not CacheRecord.CurrentVersion } => $"record version {record.Version}",
        _ when record.Key != key => "the record belongs to another key",
        _ when record.Facts is null => "the record has no facts",
        _ when record.KeyParts is null => "the record does not name the inputs of its key",
        _ when ContentHash.OfParts([.. record.KeyParts]) != key => "the record's inputs do not hash to its key",
        _ when expectedParts is not null && !record.KeyParts.SequenceEqual(expectedParts, StringComparer.Ordinal) =>
            "the record's inputs are not this step's",
        _ when record.ArtifactBytes != artifact.SizeBytes => "the artifact has the wrong length",
        _ when record.ArtifactHash != artifact.Hash => "the artifact's hash does not match its record",
        _ => null,
    };
}
