using System.Globalization;

namespace ModelCompress.Onnx.Tests;

public sealed class ExternalDataTests
{
    [Fact]
    public void Save_with_external_data_writes_aligned_side_file_and_reloads_identical_tensors()
    {
        var folder = TestFiles.TempFolder("external");
        var path = Path.Combine(folder, "cnn.onnx");
        var model = OnnxModel.Load(TestFiles.Cnn);

        model.Save(path, new OnnxSaveOptions(UseExternalData: true));

        var side = path + ".data";
        Assert.True(File.Exists(side));
        Assert.True(new FileInfo(path).Length < 10_000, $"model file is {new FileInfo(path).Length} bytes");
        var raw = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var external = raw.Graph.Initializer.Where(t => t.DataLocation == TensorProto.Types.DataLocation.External).ToList();
        Assert.Equal(4, external.Count); // the three conv weights and fc.weight are over 1 KB; biases stay inline
        Assert.All(external, t =>
        {
            Assert.Equal("cnn.onnx.data", t.ExternalData.Single(e => e.Key == "location").Value);
            Assert.Equal(0, long.Parse(t.ExternalData.Single(e => e.Key == "offset").Value, CultureInfo.InvariantCulture) % 4096);
        });

        var reloaded = OnnxModel.Load(path);
        Assert.Equal(model.ToBytes(), reloaded.ToBytes());
        foreach (var tensor in model.Graph.Initializers)
        {
            Assert.True(reloaded.Graph.TryGetInitializer(tensor.Name, out var other));
            Assert.Equal(tensor.ToFloatArray(), other.ToFloatArray());
        }
    }

    [Fact]
    public void Onnx_runtime_runs_the_external_data_model_with_the_same_outputs()
    {
        var folder = TestFiles.TempFolder("external-ort");
        var path = Path.Combine(folder, "cnn.onnx");
        OnnxModel.Load(TestFiles.Cnn).Save(path, new OnnxSaveOptions(UseExternalData: true, ExternalDataFileName: "weights.bin"));
        var input = OrtRunner.RandomInput(7, [3, 1, 8, 8]);

        var expected = OrtRunner.RunFile(TestFiles.Cnn, input, [3, 1, 8, 8]);
        var actual = OrtRunner.RunFile(path, input, [3, 1, 8, 8]);

        Assert.True(File.Exists(Path.Combine(folder, "weights.bin")));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Saving_twice_gives_identical_files()
    {
        var folder = TestFiles.TempFolder("external-det");
        var model = OnnxModel.Load(TestFiles.Mlp);

        model.Save(Path.Combine(folder, "a.onnx"), new OnnxSaveOptions(UseExternalData: true, ExternalDataFileName: "w.data"));
        var first = (File.ReadAllBytes(Path.Combine(folder, "a.onnx")), File.ReadAllBytes(Path.Combine(folder, "w.data")));
        model.Save(Path.Combine(folder, "a.onnx"), new OnnxSaveOptions(UseExternalData: true, ExternalDataFileName: "w.data"));

        Assert.Equal(first.Item1, File.ReadAllBytes(Path.Combine(folder, "a.onnx")));
        Assert.Equal(first.Item2, File.ReadAllBytes(Path.Combine(folder, "w.data")));
    }

    [Fact]
    public void Missing_side_file_is_reported_with_its_path()
    {
        var path = SaveExternal("missing-side");
        File.Delete(path + ".data");

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(OnnxFormatError.ExternalDataMissing, ex.Error);
        Assert.Contains("cnn.onnx.data", ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Truncated_side_file_is_out_of_range()
    {
        var path = SaveExternal("short-side");
        var data = File.ReadAllBytes(path + ".data");
        File.WriteAllBytes(path + ".data", data[..(data.Length / 2)]);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(OnnxFormatError.ExternalDataInvalid, ex.Error);
        Assert.Contains("which has only", ex.Message);
    }

    [Fact]
    public void Location_outside_the_model_folder_is_rejected()
    {
        var path = SaveExternal("escape");
        var raw = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        raw.Graph.Initializer.First(t => t.ExternalData.Count > 0).ExternalData.Single(e => e.Key == "location").Value = "../x.data";
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(raw));

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(OnnxFormatError.ExternalDataInvalid, ex.Error);
        Assert.Contains("outside the model's folder", ex.Message);
    }

    [Fact]
    public void Bytes_with_external_data_need_a_folder()
    {
        var path = SaveExternal("bytes");
        var bytes = File.ReadAllBytes(path);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.FromBytes(bytes));
        var model = OnnxModel.FromBytes(bytes, Path.GetDirectoryName(path));

        Assert.Equal(OnnxFormatError.ExternalDataMissing, ex.Error);
        Assert.Equal(OnnxModel.Load(TestFiles.Cnn).ToBytes(), model.ToBytes());
    }

    private static string SaveExternal(string name)
    {
        var path = Path.Combine(TestFiles.TempFolder(name), "cnn.onnx");
        OnnxModel.Load(TestFiles.Cnn).Save(path, new OnnxSaveOptions(UseExternalData: true));
        return path;
    }
}
