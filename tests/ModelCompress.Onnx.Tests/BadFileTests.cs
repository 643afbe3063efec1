namespace ModelCompress.Onnx.Tests;

public sealed class BadFileTests
{
    [Fact]
    public void Missing_file()
    {
        var path = Path.Combine(TestFiles.TempFolder("missing"), "nope.onnx");

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(OnnxFormatError.FileNotFound, ex.Error);
        Assert.Equal(path, ex.Path);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Empty_file()
    {
        var ex = LoadBytes("empty", []);

        Assert.Equal(OnnxFormatError.Empty, ex.Error);
        Assert.Contains("is empty (0 bytes)", ex.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.01)]
    public void Truncated_file(double fraction)
    {
        var bytes = File.ReadAllBytes(TestFiles.Cnn);

        var ex = LoadBytes("truncated", bytes[..(int)(bytes.Length * fraction)]);

        Assert.Equal(OnnxFormatError.Truncated, ex.Error);
        Assert.Contains("truncated", ex.Message);
    }

    public static TheoryData<string, string> OtherFormats() => new()
    {
        // name (a fixture under digits/, or png: a PNG header), what the message calls it
        { "digits_cnn.json", "JSON" },
        { "digits_test.csv", "text file" },
        { "png", "PNG image" },
        { "digits.npz", "ZIP archive" },
    };

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public void A_file_of_another_format_is_not_onnx_and_the_message_names_the_format(string name, string kind)
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

        var ex = LoadBytes(name, name == "png" ? png : File.ReadAllBytes(TestFiles.Digits(name)));

        Assert.Equal(OnnxFormatError.NotOnnx, ex.Error);
        Assert.Contains("is not an ONNX model", ex.Message);
        Assert.Contains(kind, ex.Message);
    }

    [Fact]
    public void Bytes_that_parse_as_protobuf_but_lack_a_graph_are_not_onnx()
    {
        // Field 2 (producer_name) as a string: a valid protobuf message with no graph, ir_version or opset.
        byte[] bytes = [0x12, 0x03, (byte)'a', (byte)'b', (byte)'c'];

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.FromBytes(bytes));

        Assert.Equal(OnnxFormatError.NotOnnx, ex.Error);
        Assert.Contains("no valid ir_version, no graph, no opset_import", ex.Message);
    }

    private static OnnxFormatException LoadBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(TestFiles.TempFolder(name), "model.onnx");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));
        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message);
        return ex;
    }
}
