using ModelCompress.Engine.Steps.Graph;
using PruneScope = ModelCompress.Engine.Steps.Graph.PruneScope;

namespace ModelCompress.Engine.Tests.Steps.Graph;

public sealed class MagnitudePrunerTests
{
    private static readonly string[] CnnWeights = ["onnx::Conv_38", "onnx::Conv_41", "onnx::Conv_44", "fc.weight"];

    [Fact]
    public void Global_half_of_the_cnn_is_exactly_half_zeros_and_keeps_top1()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new MagnitudePruner(new MagnitudePruneOptions(0.5)).Prune(original);

        Assert.Equal(CnnWeights, result.Layers.Select(l => l.Weight));
        Assert.Equal(["Conv", "Conv", "Conv", "Gemm"], result.Layers.Select(l => l.OpType));
        Assert.Equal(56_224, result.Elements);
        Assert.Equal(28_112, result.Zeros);
        Assert.Equal(0.5, result.Sparsity);
        var accuracy = OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes()));
        Assert.True(accuracy >= 0.98, $"top-1 after global 50% pruning: {accuracy:F4}");
    }

    [Fact]
    public void Biases_and_the_input_model_are_untouched()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var before = original.ToBytes();

        var result = new MagnitudePruner(new MagnitudePruneOptions(0.5)).Prune(original);

        Assert.Equal(before, original.ToBytes());
        foreach (var tensor in original.Graph.Initializers.Where(t => !CnnWeights.Contains(t.Name)))
        {
            Assert.True(result.Model.Graph.TryGetInitializer(tensor.Name, out var after));
            Assert.Equal(tensor.ToFloatArray(), after.ToFloatArray());
        }
    }

    [Fact]
    public void Pruned_weights_are_the_smallest_magnitudes()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new MagnitudePruner(new MagnitudePruneOptions(0.5)).Prune(original);

        var kept = new List<float>();
        var pruned = new List<float>();
        foreach (var name in CnnWeights)
        {
            original.Graph.TryGetInitializer(name, out var a);
            result.Model.Graph.TryGetInitializer(name, out var b);
            var av = a!.ToFloatArray();
            var bv = b!.ToFloatArray();
            for (var i = 0; i < av.Length; i++)
            {
                (bv[i] == 0f ? pruned : kept).Add(MathF.Abs(av[i]));
                Assert.True(bv[i] == 0f || bv[i] == av[i]);
            }
        }

        Assert.True(pruned.Max() <= kept.Min());
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.75)]
    public void Layer_scope_gives_every_layer_its_target(double sparsity)
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new MagnitudePruner(new MagnitudePruneOptions(sparsity, PruneScope.Layer)).Prune(model);

        Assert.Equal(4, result.Layers.Count);
        Assert.All(result.Layers, l => Assert.Equal((long)Math.Round(sparsity * l.Elements, MidpointRounding.AwayFromZero), l.Zeros));
        Assert.All(result.Layers, l => Assert.InRange(l.Sparsity, sparsity - 0.002, sparsity + 0.002));
    }

    [Fact]
    public void Global_scope_spreads_sparsity_unevenly_across_layers()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new MagnitudePruner(new MagnitudePruneOptions(0.5)).Prune(model);

        Assert.True(result.Layers.Max(l => l.Sparsity) - result.Layers.Min(l => l.Sparsity) > 0.05);
    }

    [Fact]
    public void Ties_are_broken_by_index()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));
        foreach (var name in new[] { "fc1.weight", "fc2.weight", "fc3.weight" })
        {
            model.Graph.TryGetInitializer(name, out var w);
            model.Graph.SetInitializer(OnnxTensor.FromFloats(name, w!.Dims, Enumerable.Repeat(0.25f, (int)w.ElementCount).ToArray()));
        }

        var result = new MagnitudePruner(new MagnitudePruneOptions(0.5)).Prune(model);

        // 16384 + 32768 + 1280 = 50432 equal weights; the first 25216 in layer order go.
        Assert.Equal([16_384L, 8_832L, 0L], result.Layers.Select(l => l.Zeros));
        result.Model.Graph.TryGetInitializer("fc2.weight", out var fc2);
        var values = fc2!.ToFloatArray();
        Assert.All(values.Take(8_832), v => Assert.Equal(0f, v));
        Assert.All(values.Skip(8_832), v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void Include_and_exclude_select_nodes_by_name()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var included = new MagnitudePruner(new MagnitudePruneOptions(0.5, Include: ["/conv2/Conv", "/fc/Gemm"])).Prune(model);
        var excluded = new MagnitudePruner(new MagnitudePruneOptions(0.5, Exclude: ["/conv1/Conv"])).Prune(model);

        Assert.Equal(["/conv2/Conv", "/fc/Gemm"], included.Layers.Select(l => l.Node));
        Assert.Equal(["/conv2/Conv", "/conv3/Conv", "/fc/Gemm"], excluded.Layers.Select(l => l.Node));
        included.Model.Graph.TryGetInitializer("onnx::Conv_38", out var conv1);
        Assert.Equal(0, conv1!.CountZeros());
    }

    [Fact]
    public void Unknown_node_names_are_mc3052()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var ex = Assert.Throws<CompressionException>(() =>
            new MagnitudePruner(new MagnitudePruneOptions(0.5, Include: ["conv9"], Exclude: ["fc"])).Prune(model));

        Assert.Equal(["MC3052", "MC3052"], ex.Diagnostics.Select(d => d.Code));
        Assert.Contains("'conv9'", ex.Diagnostics[0].Message);
        Assert.Contains("exclude", ex.Diagnostics[1].Message);
    }

    [Fact]
    public void Nothing_prunable_is_mc3051()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var ex = Assert.Throws<CompressionException>(() =>
            new MagnitudePruner(new MagnitudePruneOptions(0.5, Include: ["/relu1/Relu"])).Prune(model));

        Assert.Equal("MC3051", Assert.Single(ex.Diagnostics).Code);
        Assert.Contains("Nothing to prune", ex.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Sparsity_out_of_range_is_refused(double sparsity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MagnitudePruner(new MagnitudePruneOptions(sparsity)));

    [Fact]
    public void Two_runs_give_identical_bytes()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var pruner = new MagnitudePruner(new MagnitudePruneOptions(0.8));

        Assert.Equal(pruner.Prune(model).Model.ToBytes(), pruner.Prune(model).Model.ToBytes());
    }
}
