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
public sealed record OnnxLoadOptions(bool MapInPlace = false, string? SnapshotFolder = null)
{
    /// <summary>Files someone else may change: each external-data file is copied to a private snapshot that is mapped.</summary>
    public static OnnxLoadOptions Default { get; } = new();

    /// <summary>Files the engine owns and never rewrites in place: mapped directly, no copy.</summary>
    public static OnnxLoadOptions Owned { get; } = new(MapInPlace: true);
}
