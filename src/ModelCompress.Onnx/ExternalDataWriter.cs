using System.Globalization;
using Google.Protobuf;

namespace ModelCompress.Onnx;

/// <summary>Moves large tensors of a (cloned) model into one side file, each at an offset aligned to 4096.</summary>
internal static class ExternalDataWriter
{
    /// <summary>Writes the side file and rewrites the moved tensors to point at it; returns how many moved.</summary>
    public static int Externalize(ModelProto model, string dataPath, string location, long threshold)
    {
        var moved = 0;
        var padding = new byte[OnnxSaveOptions.ExternalDataAlignment];
        using var stream = new FileStream(dataPath, FileMode.Create, FileAccess.Write, FileShare.None);
        foreach (var tensor in TensorWalker.All(model))
        {
            // Only raw_data moves; typed *_data fields are what small exporters write and stay inline.
            if (tensor.RawData.Length == 0 || tensor.RawData.Length < threshold)
            {
                continue;
            }

            var gap = (int)((OnnxSaveOptions.ExternalDataAlignment - (stream.Position % OnnxSaveOptions.ExternalDataAlignment))
                % OnnxSaveOptions.ExternalDataAlignment);
            stream.Write(padding, 0, gap);
            var offset = stream.Position;
            stream.Write(tensor.RawData.Span);

            tensor.ExternalData.Add(Entry("location", location));
            tensor.ExternalData.Add(Entry("offset", offset.ToString(CultureInfo.InvariantCulture)));
            tensor.ExternalData.Add(Entry("length", tensor.RawData.Length.ToString(CultureInfo.InvariantCulture)));
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.RawData = ByteString.Empty;
            tensor.ClearRawData();
            moved++;
        }

        return moved;
    }

    /// <summary>Bytes of tensor data in the model, counted in long so it works past 2 GB.</summary>
    public static long TensorBytes(ModelProto model) => TensorWalker.All(model).Sum(t => (long)t.RawData.Length);

    private static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };
}
