namespace ModelCompress.Onnx;

/// <summary>How <see cref="OnnxModel.Load(string, OnnxLoadOptions?)"/> reaches a model's external data.</summary>
/// <param name="MapInPlace">
/// Map the external-data files where they lie. Only for files the caller owns and never changes while the model is in
/// use (cache entries, which are written once and replaced by rename): a mapped file that is truncated under the
/// process makes the next read of a lost page kill it with SIGBUS, a crash no diagnostic can catch.
/// </param>
/// <param name="SnapshotFolder">
/// Where a private copy of each external-data file goes when <paramref name="MapInPlace"/> is off (default: the
/// system temporary folder). Choose a folder on disk, not a RAM-backed tmpfs, for models of gigabytes.
/// </param>
/// <param name="CopyFolder">
/// Instead of private snapshots, copy the model file and each external-data file into this (caller-owned) folder under
/// the same names and relative locations, map those copies and keep them: the folder then holds exactly the bytes that
/// were loaded, for ONNX Runtime to open by path and for a hash to cover, however the user's files change meanwhile.
/// </param>
public sealed record OnnxLoadOptions(bool MapInPlace = false, string? SnapshotFolder = null, string? CopyFolder = null)
{
    /// <summary>Files someone else may change: each external-data file is copied to a private snapshot that is mapped.</summary>
    public static OnnxLoadOptions Default { get; } = new();

    /// <summary>Files the engine owns and never rewrites in place: mapped directly, no copy.</summary>
    public static OnnxLoadOptions Owned { get; } = new(MapInPlace: true);
}
