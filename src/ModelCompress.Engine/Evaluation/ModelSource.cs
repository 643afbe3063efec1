using Microsoft.ML.OnnxRuntime;

namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// A model as ONNX Runtime opens it: serialized bytes (small models built in memory), or a file on disk, which may keep
/// its weights in external data beside it. Files are how models over protobuf's 2 GB limit reach ORT at all, and
/// they let ORT map the weights rather than receive another copy.
/// </summary>
public sealed class ModelSource : IDisposable
{
    private readonly byte[]? _bytes;
    private readonly string? _path;
    private readonly string? _temporaryFolder;
    private readonly bool _owned;

    private ModelSource(byte[]? bytes, string? path, long size, string? temporaryFolder = null, bool owned = false)
    {
        _bytes = bytes;
        _path = path;
        SizeBytes = size;
        _temporaryFolder = temporaryFolder;
        _owned = owned || temporaryFolder is not null;
    }

    /// <summary>Bytes the model occupies, external data included.</summary>
    public long SizeBytes { get; }

    /// <summary>A model held as serialized bytes.</summary>
    public static ModelSource FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new ModelSource(bytes, null, bytes.LongLength);
    }

    /// <summary>A model file; external data is found beside it.</summary>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <param name="sizeBytes">Its size with its external data, when the caller knows it; else the file's own length.</param>
    /// <param name="engineOwned">
    /// The files are the engine's own (a cache entry or staging folder, never rewritten in place), so <see cref="Load"/>
    /// may map their external data directly; anyone else's files are mapped through a private snapshot.
    /// </param>
    public static ModelSource FromFile(string path, long? sizeBytes = null, bool engineOwned = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        return new ModelSource(null, full, sizeBytes ?? new FileInfo(full).Length, owned: engineOwned);
    }

    /// <summary>
    /// A model built in memory, for ONNX Runtime: its bytes when it fits in one protobuf message, else a temporary file
    /// with external data, written tensor by tensor and deleted on <see cref="Dispose"/>.
    /// </summary>
    public static ModelSource Of(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FitsInOneMessage)
        {
            return FromBytes(model.ToBytes());
        }

        var folder = IO.EngineTemp.NewFolder(); // swept once stale when a killed process never reached Dispose
        var file = Path.Combine(folder, "model.onnx");
        model.Save(file, new OnnxSaveOptions(UseExternalData: true));
        return new ModelSource(null, file, new FileInfo(file).Length + new FileInfo(file + ".data").Length, folder);
    }

    /// <summary>Removes the temporary files of <see cref="Of"/>, if any.</summary>
    public void Dispose()
    {
        if (_temporaryFolder is not null && Directory.Exists(_temporaryFolder))
        {
            Directory.Delete(_temporaryFolder, recursive: true);
        }
    }

    /// <summary>Bytes convert implicitly, so callers with a serialized model need not wrap it.</summary>
    public static implicit operator ModelSource(byte[] bytes) => FromBytes(bytes);

    /// <summary>The parsed model (external data mapped: in place for the engine's own files, else through a snapshot).</summary>
    public OnnxModel Load() => _bytes is not null ? OnnxModel.FromBytes(_bytes) : OnnxModel.Load(_path!, _owned ? OnnxLoadOptions.Owned : null);

    /// <summary>An inference session on the model.</summary>
    internal InferenceSession Open(SessionOptions options) =>
        _bytes is not null ? new InferenceSession(_bytes, options) : new InferenceSession(_path!, options);

    /// <inheritdoc />
    public override string ToString() => _path ?? $"{_bytes!.Length} bytes";
}
