using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

/// <summary>
/// Global pruning must not collapse a layer that is small overall (what BN folding does to some layers). The digits
/// CNN is rescaled without changing its function: conv3 (weights and bias) × 0.01, the classifier × 100, which ReLU
/// and average pooling pass through.
/// </summary>
public sealed class LampAndCeilingTests
{
    private const string Conv3 = "onnx::Conv_44";

    [Fact]
    public void Rescaled_cnn_computes_the_same_logits()
    {
        var original = OrtEval.Logits(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")).ToBytes());
        var rescaled = OrtEval.Logits(Rescaled().ToBytes());

        Assert.True(OrtEval.MaxAbsDifference(original, rescaled) < 1e-3);
    }

    [Fact]
    public void Plain_global_magnitude_empties_the_small_layer()
    {
        var result = new MagnitudePruner(new MagnitudePruneOptions(0.9)).Prune(Rescaled());

        Assert.True(Sparsity(result, Conv3) > 0.99, $"conv3 at {Sparsity(result, Conv3):F4}");
    }

    [Fact]
    public void Global_90_percent_with_the_default_ceiling_leaves_no_layer_above_it_and_still_hits_the_target()
    {
        var result = new MagnitudePruner(new MagnitudePruneOptions(0.9, MaxLayerSparsity: 0.98)).Prune(Rescaled());

        Assert.All(result.Layers, l => Assert.True(l.Sparsity <= 0.98, $"{l.Node} at {l.Sparsity:F4}"));
        Assert.Equal(["/conv3/Conv"], result.Capped);
        Assert.Equal(Math.Floor(0.98 * 36_864), result.Layers.Single(l => l.Weight == Conv3).Zeros);
        Assert.Equal(Math.Round(0.9 * result.Elements), result.Zeros);
    }

    [Fact]
    public void Lamp_ignores_a_layer_scale_so_the_rescaled_model_is_pruned_like_the_original()
    {
        var options = new MagnitudePruneOptions(0.9, Lamp: true, MaxLayerSparsity: 0.98);

        var original = new MagnitudePruner(options).Prune(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")));
        var rescaled = new MagnitudePruner(options).Prune(Rescaled());

        Assert.Equal(original.Layers.Select(l => l.Zeros), rescaled.Layers.Select(l => l.Zeros));
        Assert.All(rescaled.Layers, l => Assert.True(l.Sparsity is > 0.1 and <= 0.98, $"{l.Node} at {l.Sparsity:F4}"));
        Assert.Empty(rescaled.Capped!);
        Assert.Equal(0.9, rescaled.Sparsity, 4);
    }

    [Fact]
    public void Lamp_keeps_the_mlp_far_better_than_plain_magnitude_at_90_percent()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));

        var plain = OrtEval.Accuracy(OrtEval.Logits(new MagnitudePruner(new MagnitudePruneOptions(0.9)).Prune(model).Model.ToBytes()));
        var lamp = OrtEval.Accuracy(OrtEval.Logits(new MagnitudePruner(new MagnitudePruneOptions(0.9, Lamp: true)).Prune(model).Model.ToBytes()));

        // Measured: 0.5352 plain, 0.8270 LAMP (one shot, no fine-tuning).
        Assert.True(lamp > plain + 0.2, $"plain {plain:F4}, lamp {lamp:F4}");
    }

    [Fact]
    public void Skip_first_last_leaves_the_input_conv_and_the_classifier_dense_unless_included()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var skipped = new MagnitudePruner(new MagnitudePruneOptions(0.5, SkipFirstLast: true)).Prune(model);
        var included = new MagnitudePruner(new MagnitudePruneOptions(0.5, Include: ["/fc/Gemm", "/conv2/Conv"], SkipFirstLast: true)).Prune(model);

        Assert.Equal(["/conv1/Conv", "/fc/Gemm"], skipped.KeptDense);
        Assert.Equal(["/conv2/Conv", "/conv3/Conv"], skipped.Layers.Select(l => l.Node));
        Assert.Equal(["/conv2/Conv", "/fc/Gemm"], included.Layers.Select(l => l.Node));
        Assert.True(model.Graph.TryGetInitializer("fc.weight", out var fc));
        Assert.True(skipped.Model.Graph.TryGetInitializer("fc.weight", out var fcAfter));
        Assert.Equal(fc.ToFloatArray(), fcAfter.ToFloatArray());
    }

    private static double Sparsity(MagnitudePruneResult result, string weight) => result.Layers.Single(l => l.Weight == weight).Sparsity;

    private static OnnxModel Rescaled()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var graph = model.Graph;
        var conv3 = graph.FindNode("/conv3/Conv")!;
        Scale(graph, conv3.Input(1), 0.01f);
        Scale(graph, conv3.Input(2), 0.01f);
        Scale(graph, "fc.weight", 100f);
        return model;
    }

    private static void Scale(OnnxGraph graph, string name, float factor)
    {
        Assert.True(graph.TryGetInitializer(name, out var tensor));
        graph.SetInitializer(OnnxTensor.FromFloats(name, tensor.Dims, tensor.ToFloatArray().Select(v => v * factor).ToArray()));
    }
}
