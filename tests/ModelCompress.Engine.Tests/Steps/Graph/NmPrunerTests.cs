using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

public sealed class NmPrunerTests
{
    [Fact]
    public void Two_of_four_holds_in_every_pruned_tensor_and_keeps_the_largest_of_each_group()
    {
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var result = new NmPruner(2, 4).Prune(original);

        // conv1 reads one input channel: no group of 4 along it, so it stays dense and is named.
        Assert.Equal(["/conv1/Conv"], result.Skipped.Select(s => s.Node));
        Assert.Contains("not a multiple of 4", result.Skipped[0].Why, StringComparison.Ordinal);
        Assert.Equal(["Conv", "Conv", "Gemm"], result.Layers.Select(l => l.OpType));
        Assert.All(result.Layers, l => Assert.Equal(l.Elements / 2, l.Zeros));
        Assert.Empty(NmPattern.Check(result.Model, result.Layers.Select(l => l.Weight), 2, 4));
        foreach (var layer in result.Layers)
        {
            AssertKeptAreLargest(original, result.Model, layer.Weight);
        }

        var accuracy = OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes()));
        Assert.True(accuracy >= 0.5, $"top-1 after one-shot 2:4: {accuracy:F4}");
    }

    [Fact]
    public void Groups_run_along_the_input_dimension_for_gemm_with_and_without_transB()
    {
        var node = OnnxNode.Create("Gemm", "fc", ["x", "w"], ["y"]);
        var plain = NmLayout.Of(node, [8, 3]).Layout!.Value;
        var transposed = NmLayout.Of(node.SetAttribute("transB", 1L), [3, 8]).Layout!.Value;

        // B [K=8, N=3]: consecutive inputs of one output are 3 apart; with transB, B [N=3, K=8]: adjacent.
        Assert.Equal((1L, 8L, 3L), (plain.Outer, plain.Length, plain.Inner));
        Assert.Equal((3L, 8L, 1L), (transposed.Outer, transposed.Length, transposed.Inner));
        Assert.Equal(3, plain.Index(0, 1, 0));
        Assert.Equal(1, transposed.Index(0, 1, 0));
    }

    [Fact]
    public void A_tensor_that_breaks_the_pattern_is_found_by_the_check()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var broken = NmPattern.Check(model, ["fc.weight"], 2, 4);

        Assert.Equal(10 * 16, broken["fc.weight"]);
    }

    [Fact]
    public void Nothing_divisible_by_m_is_MC3230_naming_each_layer()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var error = Assert.Throws<CompressionException>(() => new NmPruner(2, 4, include: ["/conv1/Conv"]).Prune(model));

        Assert.Equal("MC3230", error.Diagnostics.Single().Code);
        Assert.Contains("/conv1/Conv", error.Diagnostics.Single().Message, StringComparison.Ordinal);
    }

    private static void AssertKeptAreLargest(OnnxModel original, OnnxModel pruned, string weight)
    {
        Assert.True(original.Graph.TryGetInitializer(weight, out var before));
        Assert.True(pruned.Graph.TryGetInitializer(weight, out var after));
        var user = pruned.Graph.Consumers(weight).First();
        var layout = NmLayout.Of(user, before.Dims).Layout!.Value;
        var (a, b) = (before.ToFloatArray(), after.ToFloatArray());
        for (long o = 0; o < layout.Outer; o++)
        {
            for (long i = 0; i < layout.Inner; i++)
            {
                for (long start = 0; start < layout.Length; start += 4)
                {
                    var group = Enumerable.Range(0, 4).Select(k => (int)layout.Index(o, start + k, i)).ToArray();
                    var kept = group.Where(g => b[g] != 0).ToArray();
                    Assert.Equal(2, kept.Length);
                    Assert.All(kept, g => Assert.Equal(a[g], b[g]));
                    Assert.True(kept.Min(g => MathF.Abs(a[g])) >= group.Except(kept).Max(g => MathF.Abs(a[g])));
                }
            }
        }
    }
}
