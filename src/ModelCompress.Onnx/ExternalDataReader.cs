using System.Globalization;
using Google.Protobuf;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Onnx;

/// <summary>
/// Pulls tensors stored outside the model (data_location EXTERNAL) into <c>raw_data</c>, so everything above
/// this layer sees one self-contained model.
/// </summary>
internal static class ExternalDataReader
{
    public static void Resolve(ModelProto model, string? baseDirectory, string? modelPath)
    {
        foreach (var tensor in TensorWalker.All(model))
        {
            if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            {
                Load(tensor, baseDirectory, modelPath);
            }
        }
    }

    private static void Load(TensorProto tensor, string? baseDirectory, string? modelPath)
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

        var file = Path.Combine(baseDirectory, location);
        if (!File.Exists(file))
        {
            throw new OnnxFormatException(file, OnnxFormatError.ExternalDataMissing,
                $"External data file '{file}' for tensor '{tensor.Name}' does not exist. Copy it next to the model " +
                $"({modelPath ?? baseDirectory}) or re-export the model with its data inline.");
        }

        var offset = ParseLong(entries, "offset", 0, modelPath, tensor);
        var fileLength = new FileInfo(file).Length;
        var length = ParseLong(entries, "length", fileLength - offset, modelPath, tensor);
        var expected = OnnxTensor.Product(tensor.Dims) * ((OnnxDataType)tensor.DataType).ElementSize();
        if (offset < 0 || length < 0 || offset + length > fileLength)
        {
            throw Invalid(modelPath, tensor,
                $"reads bytes {offset}..{offset + length} of '{file}', which has only {fileLength} bytes (truncated or wrong file?)");
        }

        if (expected > 0 && length != expected)
        {
            throw Invalid(modelPath, tensor, $"declares {length} bytes of external data but its shape needs {expected}");
        }

        var data = new byte[length];
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            stream.Seek(offset, SeekOrigin.Begin);
            stream.ReadExactly(data);
        }

        tensor.RawData = ByteString.CopyFrom(data);
        tensor.ExternalData.Clear();
        tensor.ClearDataLocation();
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
