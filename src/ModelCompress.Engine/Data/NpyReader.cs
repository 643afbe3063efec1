using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Data;

/// <summary>
/// Reads numpy's <c>.npy</c> format (versions 1–3): little-endian, C-ordered arrays of float32, float16, float64,
/// int8, uint8, int32, int64 and bool. Anything else is an MC4xxx error that says how to re-save the array.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the .npy file at <paramref name="path"/>; its array is named after the file.</summary>
    public static NdArray ReadFile(string path)
    {
        var real = DataFileCheck.Ensure(path, DataFileCheck.MaxArrayBytes);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(real);
        }
        catch (IOException e)
        {
            throw new CompressionException(DataDiagnostics.Corrupt(path, e.Message));
        }

        return Parse(bytes, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Parses .npy bytes; <paramref name="file"/> and <paramref name="array"/> name them in diagnostics.</summary>
    public static NdArray Parse(ReadOnlySpan<byte> bytes, string file, string array)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw Fail(DataDiagnostics.Corrupt(file, $"array '{array}' is not in .npy format (no \\x93NUMPY magic)"));
        }

        var major = bytes[6];
        if (major is < 1 or > 3)
        {
            throw Fail(DataDiagnostics.Corrupt(file, $"array '{array}' uses .npy format version {major}, which is not known"));
        }

        var lengthSize = major == 1 ? 2 : 4;
        var headerStart = 8 + lengthSize;
        if (bytes.Length < headerStart)
        {
            throw Fail(DataDiagnostics.Corrupt(file, $"array '{array}' is truncated in its header"));
        }

        long headerLength = major == 1
            ? BitConverter.ToUInt16(bytes.Slice(8, 2))
            : BitConverter.ToUInt32(bytes.Slice(8, 4));
        if (headerStart + headerLength > bytes.Length)
        {
            throw Fail(DataDiagnostics.Corrupt(file, $"array '{array}' is truncated in its header"));
        }

        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var header = encoding.GetString(bytes.Slice(headerStart, (int)headerLength));
        var (type, shape) = ParseHeader(header, file, array);
        var body = bytes[(headerStart + (int)headerLength)..];
        var needed = DataBytes(shape, type, file, array);
        if (body.Length < needed)
        {
            throw Fail(DataDiagnostics.Corrupt(file,
                $"array '{array}' is truncated: shape {NdArray.ShapeToText(shape)} needs {needed} bytes of data, the file has {body.Length}"));
        }

        return new NdArray(type, shape, Decode(body[..checked((int)needed)], type));
    }

    /// <summary>
    /// The bytes a header's shape needs, without overflow; MC4103 when it exceeds <see cref="DataFileCheck.MaxArrayBytes"/>.
    /// Also used on an npz entry's first bytes, before the rest of it is unpacked.
    /// </summary>
    internal static long DataBytes(long[] shape, NdElementType type, string file, string array)
    {
        var limit = DataFileCheck.MaxArrayBytes;
        long bytes = type.Size();
        foreach (var d in shape)
        {
            if (d > 0 && bytes > limit / d)
            {
                throw Fail(DataLimitDiagnostics.ShapeTooLarge(file, array, NdArray.ShapeToText(shape), limit));
            }

            bytes *= d;
        }

        return bytes;
    }

    /// <summary>Reads just the header of .npy bytes: type, shape and where the data starts.</summary>
    internal static (NdElementType Type, long[] Shape, int DataStart)? PeekHeader(ReadOnlySpan<byte> bytes, string file, string array)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic) || bytes[6] is < 1 or > 3)
        {
            return null;
        }

        var lengthSize = bytes[6] == 1 ? 2 : 4;
        long headerLength = lengthSize == 2 ? BitConverter.ToUInt16(bytes.Slice(8, 2)) : BitConverter.ToUInt32(bytes.Slice(8, 4));
        var start = 8 + lengthSize;
        if (start + headerLength > bytes.Length)
        {
            return null;
        }

        var encoding = bytes[6] == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var (type, shape) = ParseHeader(encoding.GetString(bytes.Slice(start, (int)headerLength)), file, array);
        return (type, shape, start + (int)headerLength);
    }

    private static (NdElementType Type, long[] Shape) ParseHeader(string header, string file, string array)
    {
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
        {
            throw Fail(DataDiagnostics.Corrupt(file, $"array '{array}' has an unreadable .npy header"));
        }

        var shape = ParseShape(shapeMatch.Groups[1].Value, file, array);
        if (fortran.Groups[1].Value == "True" && shape.Count(d => d > 1) > 1)
        {
            throw Fail(DataDiagnostics.FortranOrder(file, array));
        }

        return (ParseDescr(descr.Groups[1].Value, file, array), shape);
    }

    private static long[] ParseShape(string text, string file, string array)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw Fail(DataDiagnostics.Corrupt(file, $"array '{array}' has a bad shape '({text})' in its header"));
            }
        }

        return shape;
    }

    private static NdElementType ParseDescr(string descr, string file, string array)
    {
        if (descr.Length < 3)
        {
            throw Fail(DataDiagnostics.UnsupportedDtype(file, array, descr));
        }

        var order = descr[0];
        var code = descr[1..];
        NdElementType? type = code switch
        {
            "f4" => NdElementType.Float32,
            "f2" => NdElementType.Float16,
            "f8" => NdElementType.Float64,
            "i1" => NdElementType.Int8,
            "u1" => NdElementType.UInt8,
            "i4" => NdElementType.Int32,
            "i8" => NdElementType.Int64,
            "b1" => NdElementType.Bool,
            _ => null,
        };
        if (type is not { } known || order is not ('<' or '>' or '|' or '='))
        {
            throw Fail(DataDiagnostics.UnsupportedDtype(file, array, descr));
        }

        // '=' is the writer's native order; every platform numpy and .NET share here is little-endian.
        if (order == '>' && known.Size() > 1)
        {
            throw Fail(DataDiagnostics.BigEndian(file, array, descr));
        }

        return known;
    }

    private static Array Decode(ReadOnlySpan<byte> body, NdElementType type) => type switch
    {
        NdElementType.Float32 => MemoryMarshal.Cast<byte, float>(body).ToArray(),
        NdElementType.Float16 => MemoryMarshal.Cast<byte, Half>(body).ToArray(),
        NdElementType.Float64 => MemoryMarshal.Cast<byte, double>(body).ToArray(),
        NdElementType.Int8 => MemoryMarshal.Cast<byte, sbyte>(body).ToArray(),
        NdElementType.UInt8 => body.ToArray(),
        NdElementType.Int32 => MemoryMarshal.Cast<byte, int>(body).ToArray(),
        NdElementType.Int64 => MemoryMarshal.Cast<byte, long>(body).ToArray(),
        NdElementType.Bool => DecodeBool(body),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static bool[] DecodeBool(ReadOnlySpan<byte> body)
    {
        var result = new bool[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            result[i] = body[i] != 0;
        }

        return result;
    }

    private static CompressionException Fail(Diagnostic diagnostic) => new(diagnostic);

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
