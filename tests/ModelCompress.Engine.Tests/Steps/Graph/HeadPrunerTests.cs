using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Tests.Steps.Graph;

public sealed class HeadPrunerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Removing_heads_that_were_zeroed_first_gives_the_same_outputs_in_onnx_runtime(bool constantNodeShapes)
    {
        var zeroed = AttentionGraphs.SelfAttention(constantNodeShapes: constantNodeShapes);
        AttentionGraphs.ZeroHeads(zeroed, [1, 3]);

        var result = new HeadPruner(0.5).Prune(zeroed);

        var (_, output, before, after) = Assert.Single(result.Blocks);
        Assert.Equal(("out_proj", 4, 2), (output, before, after));
        var g = result.Model.Graph;
        Assert.True(g.TryGetInitializer("wq", out var wq));
        Assert.True(g.TryGetInitializer("wo", out var wo));
        Assert.Equal([8L, 4L, 4L, 8L], wq.Dims.Concat(wo.Dims));
        Assert.DoesNotContain(wq.ToFloatArray(), v => v == 0);
        foreach (var reshape in new[] { "q_split", "k_split", "v_split" })
        {
            Assert.True(g.TryGetInitializer(g.FindNode(reshape)!.Input(1), out var shape));
            Assert.Equal([0L, 0, 2, 2], shape.ToInt64Array());
        }

        Assert.True(g.TryGetInitializer(g.FindNode("c_merge")!.Input(1), out var merge));
        Assert.Equal([0L, 0, 4], merge.ToInt64Array());
        var expected = AttentionGraphs.Run(zeroed);
        var actual = AttentionGraphs.Run(result.Model);
        Assert.True(OrtEval.MaxAbsDifference(expected, actual) <= 1e-5f, $"max abs difference {OrtEval.MaxAbsDifference(expected, actual)}");
        Assert.True(MacCounter.Count(result.Model).Macs < MacCounter.Count(zeroed).Macs);
        Assert.True(result.Model.ToBytes().Length < zeroed.ToBytes().Length);
    }

    [Fact]
    public void Heads_on_a_model_without_attention_is_MC3234()
    {
        var error = Assert.Throws<CompressionException>(() => new HeadPruner(0.5).Prune(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"))));

        Assert.Equal("MC3234", error.Diagnostics.Single().Code);
        Assert.Contains("no Softmax", error.Diagnostics.Single().Message, StringComparison.Ordinal);
    }
}
