using System.IO.Compression;
using System.Text;
using ModelCompress.Engine.Data;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>Writes small .npz/.npy files (float32 / int64, C order) so tests can make data that is wrong in one way.</summary>
internal static class NpzWriter
{
    public static void Write(string path, IReadOnlyDictionary<string, (long[] Shape, Array Data)> arrays)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, (shape, data)) in arrays)
        {
            var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
            using var stream = entry.Open();
            WriteArray(stream, shape, data);
        }
    }

    /// <summary>One array as a plain .npy file.</summary>
    public static void WriteNpy(string path, long[] shape, Array data)
    {
        using var stream = File.Create(path);
        WriteArray(stream, shape, data);
    }

    /// <summary>Every array of an .npz file, as float32 or int64, to rewrite it with one thing changed.</summary>
    public static Dictionary<string, (long[] Shape, Array Data)> ReadAll(string path)
    {
        using var reader = NpzReader.Open(path);
        return reader.Names.ToDictionary(
            n => n,
            n =>
            {
                var array = reader.Read(n);
                return (array.Shape, array.ElementType == NdElementType.Int64 ? (Array)array.ToInt64() : array.ToFloat32());
            },
            StringComparer.Ordinal);
    }

    private static void WriteArray(Stream stream, long[] shape, Array data)
    {
        var descr = data is float[] ? "<f4" : "<i8";
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        var bytes = new byte[Buffer.ByteLength(data)];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        stream.Write(bytes);
    }
}
