namespace ModelCompress.Onnx.Tests;

public sealed class OnnxModelLoadTests
{
    [Fact]
    public void Load_digits_cnn_reads_ops_parameters_and_signature()
    {
        var model = OnnxModel.Load(TestFiles.Cnn);
        var stats = ModelStatistics.Compute(model);

        Assert.Equal(13, model.OpsetVersion());
        Assert.Equal(13, model.OpsetVersion("ai.onnx"));
        Assert.Equal(0, model.OpsetVersion("com.microsoft"));
        Assert.Equal(
            ["Conv:3", "Flatten:1", "Gemm:1", "GlobalAveragePool:1", "MaxPool:1", "Relu:3"],
            stats.OpHistogram.Select(o => $"{o.OpType}:{o.Count}"));
        Assert.Equal(56_394, stats.ParameterCount);
        Assert.Equal(56_394, stats.InitializerElementCount);
        Assert.Equal(8, stats.Initializers.Count);
        Assert.Equal(10, stats.NodeCount);
        Assert.Equal("input: FLOAT[batch,1,8,8]", Assert.Single(stats.Inputs).ToString());
        Assert.Equal("logits: FLOAT[batch,10]", Assert.Single(stats.Outputs).ToString());
        Assert.Equal("ai.onnx:13", Assert.Single(stats.Opsets) is var o ? $"{o.OpType}:{o.Count}" : null);
    }

    [Fact]
    public void Statistics_count_zeros_per_initializer()
    {
        var model = OnnxModel.Load(TestFiles.Mlp);
        var weight = model.Graph.Initializers.First(t => t.Name == "fc1.weight");
        var values = weight.ToFloatArray();
        Array.Clear(values, 0, 1000);
        model.Graph.SetInitializer(OnnxTensor.FromFloats(weight.Name, weight.Dims, values));

        var stats = ModelStatistics.Compute(model);
        var fc1 = stats.Initializers.Single(i => i.Name == "fc1.weight");

        Assert.Equal(64 * 256, fc1.Elements);
        Assert.True(fc1.Zeros >= 1000, $"zeros {fc1.Zeros}");
        Assert.Equal((double)fc1.Zeros / fc1.Elements, fc1.Sparsity, 12);
        Assert.Equal(stats.ParameterCount - stats.Initializers.Sum(i => i.Zeros), stats.NonZeroParameterCount);
        Assert.InRange(stats.Sparsity, 1000.0 / stats.ParameterCount, 1);
    }

    [Fact]
    public void Loaded_bytes_serialize_back_to_the_identical_file()
    {
        var original = File.ReadAllBytes(TestFiles.Cnn);

        var model = OnnxModel.FromBytes(original);

        Assert.Equal(original, model.ToBytes());
        Assert.Equal(original, model.Clone().ToBytes());
    }

    [Fact]
    public void Save_and_reload_keeps_bytes_and_ort_outputs()
    {
        var folder = TestFiles.TempFolder("roundtrip");
        var path = Path.Combine(folder, "model.onnx");
        var model = OnnxModel.Load(TestFiles.Cnn);

        model.Save(path);
        var reloaded = OnnxModel.Load(path);

        Assert.Equal(File.ReadAllBytes(TestFiles.Cnn), File.ReadAllBytes(path));
        Assert.Equal(model.ToBytes(), reloaded.ToBytes());
        Assert.False(File.Exists(path + ".tmp"));
        var input = OrtRunner.RandomInput(1, [4, 1, 8, 8]);
        Assert.Equal(OrtRunner.RunFile(TestFiles.Cnn, input, [4, 1, 8, 8]), OrtRunner.RunFile(path, input, [4, 1, 8, 8]));
    }
}
