using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ModelCompress.Torch.Tests.Support;

/// <summary>Just enough of numpy's .npz/.npy to read the digits fixtures (little-endian f4 and i8, C order).</summary>
internal static partial class Npz
{
    public static (float[] Data, long[] Shape) Floats(string path, string name)
    {
        var (bytes, descr, shape) = Read(path, name);
        Assert.Equal("<f4", descr);
        return (System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
    }

    public static (long[] Data, long[] Shape) Longs(string path, string name)
    {
        var (bytes, descr, shape) = Read(path, name);
        Assert.Equal("<i8", descr);
        return (System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape);
    }

    private static (byte[] Bytes, string Descr, long[] Shape) Read(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry(name + ".npy") ?? throw new InvalidDataException($"{path} has no array '{name}'");
        using var stream = new MemoryStream();
        using (var s = entry.Open())
        {
            s.CopyTo(stream);
        }

        var all = stream.ToArray();
        var major = all[6];
        var headerLength = major == 1 ? BitConverter.ToUInt16(all, 8) : (int)BitConverter.ToUInt32(all, 8);
        var headerStart = major == 1 ? 10 : 12;
        var header = System.Text.Encoding.ASCII.GetString(all, headerStart, headerLength);
        Assert.Contains("'fortran_order': False", header);
        var descr = Descr().Match(header).Groups[1].Value;
        var shape = ShapeText().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse).ToArray();
        return (all[(headerStart + headerLength)..], descr, shape);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapeText();
}
