using System.Text.Json;
using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Tests.Support;
using ModelCompress.Onnx;
using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Engine.Tests.Steps.Graph;

/// <summary>The trained digits transformer (tests/TestData/digits-transformer) under heads and neurons pruning.</summary>
public sealed class TransformerFixtureTests
{
    private static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "digits-transformer", file);

    [Fact]
    public void The_fixture_scores_in_onnx_runtime_what_its_json_records()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("digits_transformer.json")));
        var recorded = json.RootElement.GetProperty("test_accuracy").GetDouble();

        var measured = OrtEval.Accuracy(OrtEval.Logits(File.ReadAllBytes(Fixture("digits_transformer.onnx"))));

        Assert.Equal(recorded, measured, 1e-9);
        Assert.True(measured > 0.9, $"top-1 {measured}");
    }

    [Fact]
    public void Half_the_heads_go_from_both_layers_and_the_pruned_model_runs_in_onnx_runtime()
    {
        var original = OnnxModel.Load(Fixture("digits_transformer.onnx"));

        var result = new HeadPruner(0.5).Prune(original);

        // Layer 0 computes its head shapes with Shape/Gather/Concat (dynamic batch), layer 1 has constant shapes.
        Assert.Equal([("layers.0.attn.out_proj/MatMul", 4, 2), ("layers.1.attn.out_proj/MatMul", 4, 2)], result.Blocks.Select(b => (b.Down, b.Before, b.After)));
        var concat = result.Model.Graph.FindNode("layers.0.attn.q_split_concat")!;
        Assert.True(result.Model.Graph.TryGetInitializer(concat.Input(2), out var heads));
        Assert.Equal([2L], heads.ToInt64Array());
        var bytes = result.Model.ToBytes();
        Assert.True(bytes.Length < original.ToBytes().Length);
        Assert.True(OrtEval.Accuracy(OrtEval.Logits(bytes)) > 0.5);
    }

    [Fact]
    public void Half_the_neurons_of_both_feed_forward_blocks_go_and_the_pruned_model_runs_in_onnx_runtime()
    {
        var original = OnnxModel.Load(Fixture("digits_transformer.onnx"));

        var result = new NeuronPruner(0.5).Prune(original);

        Assert.Equal([("layers.0.ffn.fc1/MatMul", 64, 32), ("layers.1.ffn.fc1/MatMul", 64, 32)], result.Blocks.Select(b => (b.Up, b.Before, b.After)));
        Assert.True(OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes())) > 0.5);
    }

    [Fact]
    public void Removing_heads_zeroed_first_in_the_fixture_keeps_its_outputs_within_1e_5_in_onnx_runtime()
    {
        // Heads 1 and 3 (of 4, size 8) zeroed in both layers: Q/K/V columns and biases, output projection rows.
        var zeroed = OnnxModel.Load(Fixture("digits_transformer.onnx"));
        bool Dropped(long channel) => channel / 8 is 1 or 3;
        for (var layer = 0; layer < 2; layer++)
        {
            foreach (var part in new[] { "q", "k", "v" })
            {
                GeneratedGraph.Zero(zeroed.Graph, $"layers.{layer}.attn.{part}_proj.weight", i => Dropped(i % 32));
                GeneratedGraph.Zero(zeroed.Graph, $"layers.{layer}.attn.{part}_proj.bias", i => Dropped(i));
            }

            GeneratedGraph.Zero(zeroed.Graph, $"layers.{layer}.attn.out_proj.weight", i => Dropped(i / 32));
        }

        var result = new HeadPruner(0.5).Prune(zeroed);

        Assert.All(result.Blocks, b => Assert.Equal(2, b.After));
        var expected = OrtEval.Logits(zeroed.ToBytes());
        var actual = OrtEval.Logits(result.Model.ToBytes());
        Assert.True(OrtEval.MaxAbsDifference(expected, actual) <= 1e-5f, $"max abs difference {OrtEval.MaxAbsDifference(expected, actual)}");
    }

    [Fact]
    public void Macs_are_counted_through_the_shape_computed_reshapes_and_fall_with_the_heads()
    {
        var original = OnnxModel.Load(Fixture("digits_transformer.onnx"));

        var before = MacCounter.Count(original);
        var after = MacCounter.Count(new HeadPruner(0.5).Prune(original).Model);

        // Per token (8 tokens, width 32, 4 heads of 8, FFN 64): embed 8·8·32, per layer Q/K/V/out 4·8·32·32,
        // scores and context 2·4·8·8·8, FFN 2·8·32·64; classifier 32·10.
        Assert.True(before.IsComplete, string.Join(", ", before.Uncounted));
        Assert.Equal(2048 + (2 * ((4 * 8192) + (2 * 2048) + (2 * 16384))) + 320, before.Macs);
        Assert.True(after.IsComplete, string.Join(", ", after.Uncounted));
        // Half the heads: Q/K/V and out projections and the attention matmuls halve; embed, FFN, classifier stay.
        Assert.Equal(2048 + (2 * ((4 * 4096) + (2 * 1024) + (2 * 16384))) + 320, after.Macs);
    }
}
