using System.Runtime.InteropServices;

namespace ModelCompress.Engine.Tests.Data;

public sealed class NpyReaderTests
{
    [Fact]
    public void Digits_npz_holds_the_documented_arrays_with_their_shapes_and_dtypes()
    {
        using var npz = NpzReader.Open(DigitsData.Model("digits.npz"));
        var x = npz.Read("x_test");
        var y = npz.Read("y_test");

        Assert.Contains("x_train", npz.Names);
        Assert.Equal(NdElementType.Float32, x.ElementType);
        Assert.Equal([497L, 1, 8, 8], x.Shape);
        Assert.Equal(NdElementType.Int64, y.ElementType);
        Assert.Equal([497L], y.Shape);
        Assert.Equal([1200L, 1, 8, 8], npz.Read("x_train").Shape);
        Assert.Equal([100L, 1, 8, 8], npz.Read("x_calib").Shape);
    }

    [Fact]
    public void Digits_npz_values_match_the_csv_rows()
    {
        using var npz = NpzReader.Open(DigitsData.Model("digits.npz"));
        var x = npz.Read("x_test").ToFloat32();
        var y = npz.Read("y_test").ToInt64();
        var csv = CsvReader.Open(DigitsData.Model("digits_test.csv"));
        var pixels = csv.Read("p0..p63").ToFloat32();
        var labels = csv.Read("label").ToInt64();

        Assert.Equal(497, csv.Rows);
        Assert.Equal(x, pixels);
        Assert.Equal(y, labels);
    }

    [Theory]
    [InlineData("<f2", NdElementType.Float16, 2)]
    [InlineData("<f8", NdElementType.Float64, 8)]
    [InlineData("<i4", NdElementType.Int32, 4)]
    [InlineData("|u1", NdElementType.UInt8, 1)]
    [InlineData("|b1", NdElementType.Bool, 1)]
    public void Each_supported_dtype_reads_back_as_ones(string descr, NdElementType type, int size)
    {
        var body = new byte[6 * size];
        for (var i = 0; i < 6; i++)
        {
            // The little-endian encoding of 1 in every supported type.
            var one = descr switch
            {
                "<f2" => BitConverter.GetBytes(BitConverter.HalfToUInt16Bits((Half)1)),
                "<f8" => BitConverter.GetBytes(1.0),
                "<i4" => BitConverter.GetBytes(1),
                _ => [1],
            };
            one.CopyTo(body, i * size);
        }

        var array = NpyReader.Parse(NpyFiles.Npy(descr, [2, 3], body), "a.npz", "a");

        Assert.Equal(type, array.ElementType);
        Assert.Equal([2L, 3], array.Shape);
        Assert.All(array.ToFloat32(), v => Assert.Equal(1f, v));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Header_versions_2_and_3_read_like_version_1(int version)
    {
        float[] values = [1.5f, -2f, 3.25f];
        var bytes = NpyFiles.Npy("<f4", [3], MemoryMarshal.AsBytes(values.AsSpan()), version: version);

        Assert.Equal(values, NpyReader.Parse(bytes, "v.npy", "v").ToFloat32());
    }

    [Fact]
    public void Fortran_order_is_MC4011_naming_the_array()
    {
        var bytes = NpyFiles.Npy("<f4", [2, 2], new byte[16], fortran: true);
        var error = Assert.Throws<CompressionException>(() => NpyReader.Parse(bytes, "f.npz", "weights")).Diagnostics.Single();

        Assert.Equal("MC4011", error.Code);
        Assert.Contains("'weights'", error.Message);
        Assert.Contains("ascontiguousarray", error.Message);
        Assert.Equal("f.npz", error.File);
    }

    [Fact]
    public void Big_endian_is_MC4012()
    {
        var bytes = NpyFiles.Npy(">f4", [2], new byte[8]);
        var error = Assert.Throws<CompressionException>(() => NpyReader.Parse(bytes, "b.npz", "x")).Diagnostics.Single();

        Assert.Equal("MC4012", error.Code);
        Assert.Contains("'>f4'", error.Message);
    }

    [Fact]
    public void Unsupported_dtype_is_MC4013()
    {
        var bytes = NpyFiles.Npy("<c8", [1], new byte[8]);

        Assert.Equal("MC4013", Assert.Throws<CompressionException>(() => NpyReader.Parse(bytes, "c.npz", "x")).Diagnostics.Single().Code);
    }

    [Fact]
    public void Truncated_data_is_MC4002_with_the_byte_counts()
    {
        var bytes = NpyFiles.Npy("<f4", [4], new byte[8]);
        var error = Assert.Throws<CompressionException>(() => NpyReader.Parse(bytes, "t.npz", "x")).Diagnostics.Single();

        Assert.Equal("MC4002", error.Code);
        Assert.Contains("needs 16 bytes", error.Message);
    }

    [Fact]
    public void Deflated_npz_reads_like_stored()
    {
        using var dir = new TempDir();
        var path = dir.File("d.npz");
        NpyFiles.Npz(path, new Dictionary<string, byte[]> { ["x"] = NpyFiles.Floats([1f, 2f, 3f, 4f], 2, 2) }, System.IO.Compression.CompressionLevel.Optimal);

        using var npz = NpzReader.Open(path);
        Assert.Equal([1f, 2f, 3f, 4f], npz.Read("x").ToFloat32());
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_MC4002()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.npz");
        File.WriteAllText(path, "not a zip at all");

        var error = Assert.Throws<CompressionException>(() => NpzReader.Open(path)).Diagnostics.Single();
        Assert.Equal("MC4002", error.Code);
        Assert.Equal(path, error.File);
    }
}
