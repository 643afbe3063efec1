using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

public sealed class NeuronPrunerTests
{
    [Fact]
    public void Removing_neurons_that_were_zeroed_first_gives_the_same_outputs_in_onnx_runtime()
    {
        int[] removed = [1, 4, 6, 9, 10, 12, 13, 15];
        var zeroed = TransformerGraphs.FeedForward();
        TransformerGraphs.ZeroNeurons(zeroed, removed);

        var result = new NeuronPruner(0.5).Prune(zeroed);

        var (up, down, before, after) = Assert.Single(result.Blocks);
        Assert.Equal(("fc1", "fc2", 16, 8), (up, down, before, after));
        Assert.True(result.Model.Graph.TryGetInitializer("w1", out var w1));
        Assert.True(result.Model.Graph.TryGetInitializer("b1", out var b1));
        Assert.True(result.Model.Graph.TryGetInitializer("w2", out var w2));
        Assert.Equal([8L, 8L, 8L, 8L, 8L], w1.Dims.Concat(b1.Dims).Concat(w2.Dims));
        Assert.DoesNotContain(w1.ToFloatArray(), v => v == 0);
        var expected = TransformerGraphs.Run(zeroed);
        var actual = TransformerGraphs.Run(result.Model);
        Assert.True(OrtEval.MaxAbsDifference(expected, actual) <= 1e-5f, $"max abs difference {OrtEval.MaxAbsDifference(expected, actual)}");
        Assert.Equal(MacCounter.Count(zeroed).Macs / 2, MacCounter.Count(result.Model).Macs);
    }

    [Fact]
    public void Digits_mlp_hidden_layers_halve_and_the_model_still_runs()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_mlp.onnx"));

        var result = new NeuronPruner(0.5).Prune(model);

        Assert.Equal(["/fc1/Gemm", "/fc2/Gemm"], result.Blocks.Select(b => b.Up));
        Assert.All(result.Blocks, b => Assert.Equal((b.Before + 1) / 2, b.After));
        Assert.True(result.Model.ToBytes().Length < model.ToBytes().Length * 0.6);
        Assert.True(MacCounter.Count(result.Model).Macs < MacCounter.Count(model).Macs * 0.6);
        var accuracy = OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes()));
        Assert.True(accuracy > 0.3, $"top-1 after one-shot 50 % neuron pruning: {accuracy:F4}");
    }

    [Fact]
    public void A_model_without_a_feed_forward_block_is_MC3233_naming_the_candidates()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var error = Assert.Throws<CompressionException>(() => new NeuronPruner(0.5).Prune(model));

        Assert.Equal("MC3233", error.Diagnostics.Single().Code);
        Assert.Contains("/fc/Gemm", error.Diagnostics.Single().Message, StringComparison.Ordinal);
    }
}
