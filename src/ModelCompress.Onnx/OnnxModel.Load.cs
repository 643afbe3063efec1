using Google.Protobuf;
using ModelCompress.Onnx.Files;

namespace ModelCompress.Onnx;

/// <summary>Loading: every way a file can fail to be a model ends in one <see cref="OnnxFormatException"/>.</summary>
public sealed partial class OnnxModel
{
    /// <summary>
    /// Reads a model file and any external data it points at (relative to the model's folder), through a private
    /// snapshot of each data file (<see cref="OnnxLoadOptions.Default"/>): safe for files someone else may change.
    /// </summary>
    public static OnnxModel Load(string path) => Load(path, null);

    /// <summary>Reads a model file and its external data as <paramref name="options"/> say (default: <see cref="OnnxLoadOptions.Default"/>).</summary>
    public static OnnxModel Load(string path, OnnxLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (SafeFile.HasBadCharacter(path))
        {
            throw new OnnxFormatException(SafeFile.Printable(path), OnnxFormatError.BadPath,
                $"ONNX model file: {SafeFile.Describe(FileProblem.BadName, path, null, null, 0)}");
        }

        var full = Path.GetFullPath(path);
        var problem = SafeFile.Check(full, MaxFileBytes, null, out var real);
        if (problem != FileProblem.None)
        {
            throw new OnnxFormatException(full, ErrorOf(problem), problem == FileProblem.Missing
                ? $"ONNX model file '{full}' does not exist. Check the path (relative paths are resolved against the config's folder)."
                : $"ONNX model file {SafeFile.Describe(problem, full, real, null, MaxFileBytes)}" +
                  (problem == FileProblem.TooLarge ? " Keep the weights in external data files beside the model." : string.Empty));
        }

        var bytes = File.ReadAllBytes(real);
        options ??= OnnxLoadOptions.Default;
        if (options.CopyFolder is { } copies)
        {
            CopyModelFile(bytes, Path.Combine(copies, Path.GetFileName(full)), full);
        }

        return Parse(bytes, full, Path.GetDirectoryName(full), options);
    }

    // The very bytes parsed, so the copy and the loaded model cannot differ even when the user's file changes meanwhile.
    private static void CopyModelFile(byte[] bytes, string copy, string full)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.WriteAllBytes(copy, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException(full, OnnxFormatError.CopyFailed,
                $"ONNX model file '{full}' could not be copied to '{copy}' ({e.Message}). Check that the folder is writable and has room for the model.", e);
        }
    }

    /// <summary>The largest model file read (protobuf cannot hold one message over 2 GiB).</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>
    /// Parses a serialized model. External data, if any, is looked up in <paramref name="baseDirectory"/>; without
    /// one, a model with external data is rejected.
    /// </summary>
    public static OnnxModel FromBytes(byte[] bytes, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Parse(bytes, null, baseDirectory, OnnxLoadOptions.Default);
    }

    private static OnnxModel Parse(byte[] bytes, string? path, string? baseDirectory, OnnxLoadOptions options)
    {
        var what = path is null ? "The model bytes" : $"'{path}'";
        if (bytes.Length == 0)
        {
            throw new OnnxFormatException(path, OnnxFormatError.Empty,
                $"{what} is empty (0 bytes). The export or copy that produced it failed; export the model again.");
        }

        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw ParseFailure(bytes, path, what, ex);
        }

        Validate(proto, bytes, path, what);
        ExternalDataReader.Resolve(proto, baseDirectory, path, options);
        TensorValidator.Validate(proto, path);
        return new OnnxModel(proto);
    }

    private static OnnxFormatError ErrorOf(FileProblem problem) => problem switch
    {
        FileProblem.Missing => OnnxFormatError.FileNotFound,
        FileProblem.DanglingLink => OnnxFormatError.DanglingLink,
        FileProblem.BadName => OnnxFormatError.BadPath,
        FileProblem.TooLarge => OnnxFormatError.TooLarge,
        _ => OnnxFormatError.NotRegularFile,
    };

    private static OnnxFormatException ParseFailure(byte[] bytes, string? path, string what, Exception ex)
    {
        // Google.Protobuf stops at 100 nested messages: a graph nested that deep is crafted, not exported.
        if (ex.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("nesting", StringComparison.OrdinalIgnoreCase))
        {
            return new OnnxFormatException(path, OnnxFormatError.TooDeep,
                $"{what} nests messages (subgraphs or attributes) deeper than the protobuf limit of 100 levels ({ex.Message}). Flatten the model or export it again.", ex);
        }

        if (OnnxFileSniffer.Describe(bytes) is { } kind)
        {
            return NotOnnx(path, $"{what} is not an ONNX model: it looks like {kind}.", ex);
        }

        return OnnxFileSniffer.LooksLikeOnnx(bytes)
            ? new OnnxFormatException(path, OnnxFormatError.Truncated,
                $"{what} is truncated or corrupt: it starts like an ONNX model but its data ends or breaks after " +
                $"{bytes.Length} bytes ({ex.Message}). Copy or export the model again.", ex)
            : NotOnnx(path, $"{what} is not an ONNX model (it does not parse as an ONNX protobuf: {ex.Message}).", ex);
    }

    // Protobuf parses many random byte strings as some message, so a parse alone proves nothing: an ONNX model
    // must also say which IR version and opsets it uses and carry a graph.
    private static void Validate(ModelProto proto, byte[] bytes, string? path, string what)
    {
        var missing = new List<string>();
        if (!proto.HasIrVersion || proto.IrVersion is < 1 or > 64)
        {
            missing.Add("no valid ir_version");
        }

        if (proto.Graph is null)
        {
            missing.Add("no graph");
        }

        if (proto.Graph is { Output.Count: 0 })
        {
            missing.Add("no graph outputs");
        }

        if (proto.OpsetImport.Count == 0 || proto.OpsetImport.Any(o => o.Version < 1))
        {
            missing.Add("no opset_import");
        }

        if (missing.Count == 0)
        {
            return;
        }

        var kind = OnnxFileSniffer.Describe(bytes);
        var detail = kind is null ? string.Empty : $" It looks like {kind}.";
        if (kind is null && OnnxFileSniffer.LooksLikeOnnx(bytes) && proto.Graph is null)
        {
            throw new OnnxFormatException(path, OnnxFormatError.Truncated,
                $"{what} is truncated: it starts like an ONNX model but has {string.Join(", ", missing)}. Copy or export the model again.");
        }

        throw NotOnnx(path, $"{what} is not an ONNX model: it has {string.Join(", ", missing)}.{detail}", null);
    }

    private static OnnxFormatException NotOnnx(string? path, string message, Exception? inner) =>
        new(path, OnnxFormatError.NotOnnx, message + " Give the path of an .onnx file (export with torch.onnx.export or similar).", inner);
}
