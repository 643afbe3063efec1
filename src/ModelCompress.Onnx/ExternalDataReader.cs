using System.Globalization;
using Google.Protobuf;
using ModelCompress.Onnx.Files;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Onnx;

/// <summary>
/// Pulls tensors stored outside the model (data_location EXTERNAL) into <c>raw_data</c>, so everything above
/// this layer sees one self-contained model. The bytes are not copied into the heap: <c>raw_data</c> wraps a read-only
/// memory mapping (<see cref="MappedDataFile"/>), so a model of several gigabytes loads in constant heap. What is
/// mapped is the file itself only when the caller owns it (<see cref="OnnxLoadOptions.MapInPlace"/>); anyone else's
/// file is mapped through a private snapshot (<see cref="DataSnapshot"/>), because truncating a mapped file kills the
/// process with SIGBUS. Offsets and lengths are checked against what is mapped, so a file cut short before or during
/// the snapshot gets the same clear diagnostic as one cut short on disk.
/// </summary>
internal static class ExternalDataReader
{
    public static void Resolve(ModelProto model, string? baseDirectory, string? modelPath, OnnxLoadOptions options)
    {
        var mapped = new Dictionary<string, MappedDataFile>(StringComparer.Ordinal);
        foreach (var tensor in TensorWalker.All(model))
        {
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            {
                Load(tensor, baseDirectory, modelPath, (file, location) => MapOnce(file, location, mapped, options, tensor));
            }
        }
    }

    private static void Load(TensorProto tensor, string? baseDirectory, string? modelPath, Func<string, string, MappedDataFile> map)
    {
        var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!entries.TryGetValue("location", out var location) || location.Length == 0)
        {
            throw Invalid(modelPath, tensor, "has data_location EXTERNAL but no 'location' entry");
        }

        if (baseDirectory is null)
        {
            throw new OnnxFormatException(modelPath, OnnxFormatError.ExternalDataMissing,
                $"Tensor '{tensor.Name}' keeps its data in external file '{location}', but the model was given as bytes " +
                "with no folder to find it in. Load the model from its file path instead.");
        }

        if (Path.IsPathRooted(location) || location.Split('/', '\\').Contains(".."))
        {
            throw Invalid(modelPath, tensor, $"points at '{location}', outside the model's folder; external data must sit beside the model");
        }

        var file = FileFor(Path.Combine(baseDirectory, location), baseDirectory, tensor, modelPath);
        var offset = ParseLong(entries, "offset", 0, modelPath, tensor);
        var data = map(file, location);
        var fileLength = data.Length;
        var expected = ExpectedBytes(tensor, modelPath);
        // Compared without adding, so an offset near 2^63 cannot overflow into a "valid" range.
        if (offset > fileLength)
        {
            throw Invalid(modelPath, tensor, $"starts at byte {offset} of '{file}', which has only {fileLength} bytes (truncated or wrong file?)");
        }

        var length = ParseLong(entries, "length", fileLength - offset, modelPath, tensor);
        if (length > fileLength - offset)
        {
            throw Invalid(modelPath, tensor,
                $"reads {length} bytes from byte {offset} of '{file}', which has only {fileLength} bytes (truncated or wrong file?)");
        }

        if (length != expected)
        {
            throw Invalid(modelPath, tensor, $"declares {length} bytes of external data but its shape needs {expected}");
        }

        // One file is mapped once per load; the length was checked against the mapping, and expected fits an int.
        tensor.RawData = length == 0 ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(data.Slice(offset, (int)length));
        tensor.ExternalData.Clear();
        tensor.ClearDataLocation();
    }

    // Keyed by location when copying (each name the model uses must exist in the copy), else by the real file.
    private static MappedDataFile MapOnce(string file, string location, Dictionary<string, MappedDataFile> mapped, OnnxLoadOptions options, TensorProto tensor)
    {
        var key = options.CopyFolder is null ? file : location;
        if (mapped.TryGetValue(key, out var data))
        {
            return data;
        }

        var folder = options.CopyFolder ?? options.SnapshotFolder ?? Path.GetTempPath();
        var inPlace = options.MapInPlace && options.CopyFolder is null;
        try
        {
            data = options switch
            {
                { CopyFolder: { } copies } => MapCopy(file, Path.Combine(copies, location)),
                { MapInPlace: true } => MappedDataFile.Open(file),
                _ => DataSnapshot.Map(file, folder),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var what = inPlace ? "mapped" : options.CopyFolder is null ? $"copied to a private snapshot in '{folder}'" : $"copied to '{folder}'";
            throw new OnnxFormatException(file, inPlace ? OnnxFormatError.ExternalDataInvalid : OnnxFormatError.CopyFailed,
                $"External data of tensor '{tensor.Name}' in '{file}' could not be {what} ({e.Message}). " +
                "Check that the file is readable and that the folder is writable with room for the file (set TMPDIR to another folder).", e);
        }

        mapped.Add(key, data);
        return data;
    }

    private static MappedDataFile MapCopy(string file, string copy)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(file, copy, overwrite: true);
        return MappedDataFile.Open(copy);
    }

    // The real file behind the location: a symlink may point anywhere, so its target must be a regular file in the
    // model's own folder (a link to /etc/passwd beside a model must not become a bias tensor).
    private static string FileFor(string file, string baseDirectory, TensorProto tensor, string? modelPath)
    {
        var problem = SafeFile.Check(file, TensorValidator.MaxTensorBytes * 64, baseDirectory, out var real);
        var error = problem switch
        {
            FileProblem.None or FileProblem.TooLarge => (OnnxFormatError?)null,
            FileProblem.Missing => OnnxFormatError.ExternalDataMissing,
            FileProblem.OutsideFolder => OnnxFormatError.ExternalDataOutsideFolder,
            FileProblem.DanglingLink => OnnxFormatError.DanglingLink,
            FileProblem.BadName => OnnxFormatError.BadPath,
            _ => OnnxFormatError.NotRegularFile,
        };
        if (error is not { } e)
        {
            return real;
        }

        var hint = e == OnnxFormatError.ExternalDataMissing
            ? $"Copy it next to the model ({modelPath ?? baseDirectory}) or re-export the model with its data inline."
            : "External data must be regular files inside the model's folder.";
        throw new OnnxFormatException(file, e,
            $"External data of tensor '{tensor.Name}': {SafeFile.Describe(problem, file, real, baseDirectory, 0)} {hint}");
    }

    private static long ExpectedBytes(TensorProto tensor, string? modelPath)
    {
        var size = ((OnnxDataType)tensor.DataType).ElementSize();
        long elements = 1;
        foreach (var d in tensor.Dims)
        {
            elements = d < 0 || (d > 0 && elements > TensorValidator.MaxTensorBytes / d) ? -1 : elements * d;
            if (elements < 0)
            {
                break;
            }
        }

        if (size == 0 || elements < 0 || elements > TensorValidator.MaxTensorBytes / size)
        {
            throw new OnnxFormatException(modelPath, OnnxFormatError.TensorShapeInvalid,
                $"Tensor '{tensor.Name}' keeps external data but has type {tensor.DataType} and dims [{string.Join(",", tensor.Dims)}], " +
                $"which do not describe 1..{TensorValidator.MaxTensorBytes} bytes. The file is damaged; export the model again.");
        }

        return elements * size;
    }

    private static long ParseLong(Dictionary<string, string> entries, string key, long fallback, string? modelPath, TensorProto tensor)
    {
        if (!entries.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(modelPath, tensor, $"has external data {key} '{text}', which is not a non-negative integer");
    }

    private static OnnxFormatException Invalid(string? modelPath, TensorProto tensor, string what) =>
        new(modelPath, OnnxFormatError.ExternalDataInvalid,
            $"Tensor '{tensor.Name}' {what}. Re-export the model or restore its external data file.");
}
