using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace ModelCompress.Engine.Tests.Data;

/// <summary>Writes small .npy/.npz files the way numpy does, including the bad variants the tests need.</summary>
internal static class NpyFiles
{
    public static byte[] Npy(string descr, long[] shape, ReadOnlySpan<byte> body, bool fortran = false, int version = 1)
    {
        var dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({dims}), }}";
        var prefix = version == 1 ? 10 : 12;
        var padded = header.PadRight(((prefix + header.Length + 1 + 63) / 64 * 64) - prefix - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        if (version == 1)
        {
            stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        }
        else
        {
            stream.Write(BitConverter.GetBytes((uint)padded.Length));
        }

        stream.Write(Encoding.ASCII.GetBytes(padded));
        stream.Write(body);
        return stream.ToArray();
    }

    public static byte[] Floats(float[] values, params long[] shape) => Npy("<f4", shape, MemoryMarshal.AsBytes(values.AsSpan()));

    public static byte[] Longs(long[] values, params long[] shape) => Npy("<i8", shape, MemoryMarshal.AsBytes(values.AsSpan()));

    public static void Npz(string path, IReadOnlyDictionary<string, byte[]> arrays, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in arrays)
        {
            using var entry = zip.CreateEntry(name + ".npy", level).Open();
            entry.Write(bytes);
        }
    }
}
