using ModelCompress.Onnx.Preparation;
using ModelCompress.Onnx.Tests.Support;

namespace ModelCompress.Onnx.Tests.Preparation;

/// <summary>Raising an old exporter's opset to 13 rewrites the nodes whose form changed; ORT computes the same.</summary>
public sealed class OpsetUpgradeTests
{
    private static readonly long[] Shape = [2, 3, 4, 5];

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void Slice_clip_pad_squeeze_split_and_softmax_keep_their_outputs(int opset)
    {
        var tiny = new TinyModel(opset).Input("x", Shape).Output("y");
        var sliced = opset < 10
            ? tiny.Node("Slice", ["x"], "sliced").SetAttribute("starts", [1L]).SetAttribute("ends", [3L]).SetAttribute("axes", [2L])
            : tiny.Node("Slice", ["x", "starts", "ends", "axes"], "sliced");
        tiny.Tensor(OnnxTensor.FromInt64s("starts", [1], [1])).Tensor(OnnxTensor.FromInt64s("ends", [1], [3])).Tensor(OnnxTensor.FromInt64s("axes", [1], [2]));
        if (opset < 11)
        {
            tiny.Node("Clip", [sliced.Output(0)], "clipped").SetAttribute("min", -0.25f).SetAttribute("max", 0.5f);
            tiny.Node("Pad", ["clipped"], "padded").SetAttribute("pads", [0L, 0, 1, 0, 0, 0, 0, 2]).SetAttribute("value", 0.5f);
        }
        else
        {
            tiny.Tensor(OnnxTensor.Scalar("lo", -0.25f)).Tensor(OnnxTensor.Scalar("hi", 0.5f)).Tensor(OnnxTensor.Scalar("pv", 0.5f));
            tiny.Tensor(OnnxTensor.FromInt64s("pads", [8], [0, 0, 1, 0, 0, 0, 0, 2]));
            tiny.Node("Clip", [sliced.Output(0), "lo", "hi"], "clipped");
            tiny.Node("Pad", ["clipped", "pads", "pv"], "padded");
        }

        // [2, 3, 3, 7] → Unsqueeze → Squeeze back, Split along H, Softmax from axis 1 on (the pre-13 meaning).
        tiny.Node("Unsqueeze", ["padded"], "u").SetAttribute("axes", [0L]);
        tiny.Node("Squeeze", ["u"], "s").SetAttribute("axes", [0L]);
        tiny.Node("Split", ["s"], "a", "b").SetAttribute("axis", 2L).SetAttribute("split", [1L, 2]);
        tiny.Node("Softmax", ["b"], "y").SetAttribute("axis", 1L);
        var model = tiny.Build();
        var input = OrtRunner.RandomInput(3, Shape);
        var expected = OrtRunner.Run(model.ToBytes(), input, Shape, "y");

        Assert.Null(OpsetUpgrade.Raise(model, 13));

        Assert.Equal(13, model.OpsetVersion());
        Assert.DoesNotContain(model.Graph.Nodes, n => n.HasAttribute("axes") || n.HasAttribute("min") || n.HasAttribute("pads") || n.HasAttribute("split"));
        var actual = OrtRunner.Run(model.ToBytes(), input, Shape, "y");
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.True(MathF.Abs(p.First - p.Second) <= 1e-6f, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void Upsample_blocks_the_upgrade_and_leaves_the_model_as_it_was()
    {
        var tiny = new TinyModel(9).Input("x", Shape).Output("y").Tensor(OnnxTensor.FromFloats("scales", [4], [1f, 1f, 2f, 2f]));
        tiny.Node("Upsample", ["x", "scales"], "y");
        var model = tiny.Build();
        var before = model.ToBytes();

        var reason = OpsetUpgrade.Raise(model, 13);

        Assert.NotNull(reason);
        Assert.Contains("(Upsample)", reason, StringComparison.Ordinal);
        Assert.Equal(before, model.ToBytes());
    }
}
