using Google.Protobuf;
using ModelCompress.Onnx.Files;

namespace ModelCompress.Onnx.Tests.Files;

/// <summary>
/// External data and model paths go through <see cref="SafeFile"/>: a link beside the model that points outside its
/// folder (the /etc/passwd-into-a-bias case) is refused, a link that stays inside works, and devices, FIFOs and
/// dangling links are named as such instead of hanging or crashing.
/// </summary>
public sealed class SymlinkEscapeTests
{
    [Fact]
    public void External_data_linked_to_a_file_outside_the_model_folder_is_refused()
    {
        var (folder, model) = ModelWithExternalBias("escape");
        File.Delete(Path.Combine(folder, "bias.bin"));
        File.CreateSymbolicLink(Path.Combine(folder, "bias.bin"), "/etc/passwd");

        var error = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(model));

        Assert.Equal(OnnxFormatError.ExternalDataOutsideFolder, error.Error);
        Assert.Contains("/etc/passwd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_data_reached_through_a_linked_folder_outside_is_refused()
    {
        var (folder, model) = ModelWithExternalBias("linked-folder", "etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(folder, "etc"), "/etc");

        Assert.Equal(OnnxFormatError.ExternalDataOutsideFolder, Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(model)).Error);
    }

    [Fact]
    public void External_data_linked_inside_the_model_folder_loads_the_same_values()
    {
        var (folder, model) = ModelWithExternalBias("inside");
        var expected = OnnxModel.Load(model).ToBytes();
        Directory.CreateDirectory(Path.Combine(folder, "store"));
        File.Move(Path.Combine(folder, "bias.bin"), Path.Combine(folder, "store", "bias.bin"));
        File.CreateSymbolicLink(Path.Combine(folder, "bias.bin"), "store/bias.bin");

        Assert.Equal(expected, OnnxModel.Load(model).ToBytes());
    }

    [Theory]
    [InlineData(long.MaxValue, null)]
    [InlineData(0L, long.MaxValue)]
    [InlineData(9_223_372_036_854_775_000, 1000L)]
    public void External_offsets_near_the_long_limit_are_refused_without_overflow(long offset, long? length)
    {
        var (_, model) = ModelWithExternalBias("offset", offset: offset, length: length);

        Assert.Equal(OnnxFormatError.ExternalDataInvalid, Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(model)).Error);
    }

    [Theory]
    [InlineData("/dev/zero", FileProblem.NotRegular)]
    [InlineData("/dev/urandom", FileProblem.NotRegular)]
    [InlineData("/", FileProblem.NotRegular)]
    [InlineData("/no/such/file", FileProblem.Missing)]
    [InlineData("a\0b", FileProblem.BadName)]
    public void Devices_folders_missing_and_bad_names_are_told_apart(string path, FileProblem expected)
    {
        Assert.Equal(expected, SafeFile.Check(path, long.MaxValue, null, out _));
    }

    [Fact]
    public void A_fifo_is_not_a_regular_file_and_is_never_opened()
    {
        var fifo = Path.Combine(TestFiles.TempFolder("fifo"), "pipe.onnx");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        Assert.Equal(OnnxFormatError.NotRegularFile, Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(fifo)).Error);
    }

    [Fact]
    public void Dangling_and_looping_links_are_dangling()
    {
        var folder = TestFiles.TempFolder("links");
        File.CreateSymbolicLink(Path.Combine(folder, "dangling"), "nothing-here");
        File.CreateSymbolicLink(Path.Combine(folder, "loop"), "loop");

        Assert.Equal(FileProblem.DanglingLink, SafeFile.Check(Path.Combine(folder, "dangling"), long.MaxValue, null, out _));
        Assert.Equal(FileProblem.DanglingLink, SafeFile.Check(Path.Combine(folder, "loop"), long.MaxValue, null, out _));
        Assert.Equal(OnnxFormatError.DanglingLink, Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(Path.Combine(folder, "dangling"))).Error);
    }

    // The digits CNN with its smallest float bias moved to bias.bin (or to the given location) beside it.
    private static (string Folder, string Model) ModelWithExternalBias(string name, string location = "bias.bin", long offset = 0, long? length = -1)
    {
        var folder = TestFiles.TempFolder(name);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(TestFiles.Cnn));
        var bias = proto.Graph.Initializer.Where(t => t.Dims.Count == 1 && t.DataType == 1).OrderBy(t => t.RawData.Length).First();
        var bytes = bias.RawData.ToByteArray();
        File.WriteAllBytes(Path.Combine(folder, "bias.bin"), bytes);
        bias.ClearRawData();
        bias.DataLocation = TensorProto.Types.DataLocation.External;
        bias.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        bias.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (length is { } l)
        {
            var value = l < 0 ? bytes.Length : l;
            bias.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = value.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var model = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(model, proto.ToByteArray());
        return (folder, model);
    }
}
