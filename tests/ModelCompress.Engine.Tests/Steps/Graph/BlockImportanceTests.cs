using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

/// <summary>importance: l1 | l2 | random for heads and neurons, on the trained digits transformer.</summary>
public sealed class BlockImportanceTests
{
    private static OnnxModel Transformer() =>
        OnnxModel.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "digits-transformer", "digits_transformer.onnx"));

    private static byte[] Neurons(PruneImportance importance, int seed = 0) =>
        new NeuronPruner(0.5, importance: importance, seed: seed).Prune(Transformer()).Model.ToBytes();

    [Fact]
    public void Random_neurons_follow_the_seed_and_differ_from_l1()
    {
        Assert.Equal(Neurons(PruneImportance.Random, seed: 3), Neurons(PruneImportance.Random, seed: 3));
        Assert.NotEqual(Neurons(PruneImportance.Random, seed: 3), Neurons(PruneImportance.Random, seed: 4));
        Assert.NotEqual(Neurons(PruneImportance.L1), Neurons(PruneImportance.Random, seed: 3));
    }

    [Fact]
    public void L2_heads_keep_the_heads_with_the_largest_squared_weights_and_run_in_onnx_runtime()
    {
        // Head 0's output-projection rows become zero but one weight of 12: a small L1 share, the largest L2 share.
        var model = Transformer();
        foreach (var layer in new[] { 0, 1 })
        {
            var name = model.Graph.FindNode($"layers.{layer}.attn.out_proj/MatMul")!.Input(1);
            Assert.True(model.Graph.TryGetInitializer(name, out var weight));
            var values = weight.ToFloatArray();
            Array.Clear(values, 0, 8 * 32);
            values[0] = 12f;
            model.Graph.SetInitializer(OnnxTensor.FromFloats(name, weight.Dims, values));
        }

        var l2 = new HeadPruner(0.75, importance: PruneImportance.L2).Prune(model);
        var l1 = new HeadPruner(0.75).Prune(model);

        Assert.All(l2.Blocks, b => Assert.Equal(1, b.After));
        Assert.True(KeptTwelve(l2.Model), "L2 dropped the head with the largest squared weight");
        Assert.False(KeptTwelve(l1.Model), "L1 kept the head whose weights were cleared");
        Assert.InRange(OrtEval.Accuracy(OrtEval.Logits(l2.Model.ToBytes())), 0.0, 1.0);
    }

    private static bool KeptTwelve(OnnxModel model)
    {
        var name = model.Graph.FindNode("layers.0.attn.out_proj/MatMul")!.Input(1);
        Assert.True(model.Graph.TryGetInitializer(name, out var weight));
        return weight.ToFloatArray().Contains(12f);
    }
}
