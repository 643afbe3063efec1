using Google.Protobuf;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Onnx;

/// <summary>
/// An ONNX model in memory, always self-contained: external data is mapped in on load (every tensor's raw_data, read
/// from the file only when used) and written out again on save when asked or when the model would not fit in one
/// protobuf message.
/// </summary>
public sealed partial class OnnxModel
{
    // Protobuf messages are limited to 2 GB; keep a margin for the graph structure around the tensor bytes.
    private const long InlineLimit = int.MaxValue - (64L << 20);

    private OnnxGraph? _graph;

    /// <summary>Wraps a model message (not copied: the model owns it from now on).</summary>
    public OnnxModel(ModelProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The underlying message; changes made here are seen by <see cref="Graph"/> after its <c>Invalidate</c>.</summary>
    public ModelProto Proto { get; }

    /// <summary>The main graph.</summary>
    public OnnxGraph Graph => _graph ??= new OnnxGraph(Proto.Graph ??= new GraphProto());

    /// <summary>The opset imported for <paramref name="domain"/> ("" and "ai.onnx" are the default domain); 0 when none.</summary>
    public long OpsetVersion(string domain = "")
    {
        var wanted = Normalize(domain);
        return Proto.OpsetImport.Where(o => Normalize(o.Domain) == wanted).Select(o => o.Version).DefaultIfEmpty(0).Max();
    }

    /// <summary>Sets the imported opset of a domain, adding the import when missing.</summary>
    public void SetOpsetVersion(string domain, long version)
    {
        var wanted = Normalize(domain);
        var existing = Proto.OpsetImport.FirstOrDefault(o => Normalize(o.Domain) == wanted);
        if (existing is null)
        {
            Proto.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        }
        else
        {
            existing.Version = version;
        }
    }

    /// <summary>A deep copy.</summary>
    public OnnxModel Clone() => new(Proto.Clone());

    /// <summary>
    /// Whether <see cref="ToBytes"/> can hold the model: its tensor data is under protobuf's 2 GB message limit. A larger
    /// model exists only as files (<see cref="Save"/> with external data) and is opened by ONNX Runtime from its path.
    /// </summary>
    public bool FitsInOneMessage => ExternalDataWriter.TensorBytes(Proto) <= InlineLimit;

    /// <summary>The serialized model with all data inline. Same model, same bytes.</summary>
    public byte[] ToBytes()
    {
        if (!FitsInOneMessage)
        {
            throw new OnnxFormatException(null, OnnxFormatError.TooLarge,
                "The model holds more than 2 GB of tensor data, over protobuf's limit for one message. " +
                "Save it to a file with external data instead (OnnxModel.Save).");
        }

        return Proto.ToByteArray();
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/>; tensor data goes to a side file when the options ask for it or
    /// when the model exceeds 2 GB. Each file is written to a hidden temporary name beside it
    /// (<c>.name.&lt;random&gt;.tmp</c>, the pattern the engine's leftover sweeps remove once stale) and then moved into place.
    /// </summary>
    public void Save(string path, OnnxSaveOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= OnnxSaveOptions.Default;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        var external = options.UseExternalData || ExternalDataWriter.TensorBytes(Proto) > InlineLimit;
        var proto = Proto;
        if (external)
        {
            proto = Proto.Clone();
            var location = options.ExternalDataFileName ?? Path.GetFileName(full) + ".data";
            var dataPath = Path.Combine(Path.GetDirectoryName(full)!, location);
            var threshold = options.UseExternalData ? options.ExternalDataThreshold : 0;
            WriteThenMove(dataPath, temp => ExternalDataWriter.Externalize(proto, temp, location, threshold));
        }

        WriteThenMove(full, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            proto.WriteTo(stream);
        });
    }

    // A failed write removes its temporary file; only a killed process leaves one, for the sweep.
    private static void WriteThenMove(string path, Action<string> write)
    {
        var temp = Files.TemporaryName.For(path);
        try
        {
            write(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string Normalize(string domain) => domain == "ai.onnx" ? string.Empty : domain;
}
