using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelCompress.Engine.Tests.Support;

/// <summary>
/// Test-only reader of tests/TestData/digits/digits.npz (float32 and int64 .npy arrays in a zip). The engine's
/// own data loader lives elsewhere; this one exists so graph-step tests need nothing but the fixture.
/// </summary>
internal static partial class DigitsData
{
    private static readonly Lazy<Dictionary<string, (long[] Shape, Array Data)>> Arrays = new(Read);

    public static string Model(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "digits", file);

    public static (float[] Data, long[] Shape) XTest => Floats("x_test");

    public static long[] YTest => (long[])Arrays.Value["y_test"].Data;

    public static (float[] Data, long[] Shape) XCalib => Floats("x_calib");

    public static string WideModel(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "digits-wide", file);

    private static (float[] Data, long[] Shape) Floats(string name) =>
        ((float[])Arrays.Value[name].Data, Arrays.Value[name].Shape);

    private static Dictionary<string, (long[] Shape, Array Data)> Read()
    {
        using var zip = ZipFile.OpenRead(Model("digits.npz"));
        var result = new Dictionary<string, (long[], Array)>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            result[Path.GetFileNameWithoutExtension(entry.Name)] = ParseNpy(memory.ToArray());
        }

        return result;
    }

    private static (long[] Shape, Array Data) ParseNpy(byte[] bytes)
    {
        var major = bytes[6];
        var headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        var headerStart = major == 1 ? 10 : 12;
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        var shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        var body = bytes.AsSpan(headerStart + headerLength);
        Array data = descr switch
        {
            "<f4" => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(body).ToArray(),
            "<i8" => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(body).ToArray(),
            _ => throw new NotSupportedException($"npy dtype {descr}"),
        };
        return (shape, data);
    }

    [GeneratedRegex("'descr':\\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex("'shape':\\s*\\(([^)]*)\\)")]
    private static partial Regex ShapePattern();
}
