using ModelCompress.Onnx.Preparation;
using ModelCompress.Onnx.Tests.Support;

namespace ModelCompress.Onnx.Tests.Preparation;

/// <summary>A zero Pad before a Conv or a non-negative MaxPool (Paddle2ONNX, tf2onnx) folds into its pads; ORT computes the same.</summary>
public sealed class PadFoldingTests
{
    private static readonly long[] Shape = [2, 3, 7, 6];

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void Zero_pad_before_a_conv_becomes_its_pads(int opset)
    {
        var tiny = Padded(opset, "x", value: null).Weight("w", [4, 3, 3, 3]);
        tiny.Node("Conv", ["padded", "w"], "y").SetAttribute("pads", [1L, 1, 1, 1]);

        var (model, expected) = Fold(tiny, out var folded);

        Assert.Equal(1, folded);
        Assert.Equal(["Conv"], model.Graph.Nodes.Select(n => n.OpType));
        Assert.Equal([2L, 3, 3, 2], model.Graph.Nodes[0].GetInts("pads"));
        AssertClose(expected, OrtRunner.Run(model.ToBytes(), Input, Shape, "y"));
    }

    [Fact]
    public void Zero_pad_after_relu_before_a_max_pool_becomes_its_pads()
    {
        var tiny = new TinyModel(13).Input("x", Shape).Output("y");
        tiny.Node("Relu", ["x"], "r");
        PadNode(tiny, "r", value: 0f);
        tiny.Node("MaxPool", ["padded"], "y").SetAttribute("kernel_shape", [3L, 3]).SetAttribute("strides", [2L, 2]);

        var (model, expected) = Fold(tiny, out var folded);

        Assert.Equal(1, folded);
        Assert.Equal(["Relu", "MaxPool"], model.Graph.Nodes.Select(n => n.OpType));
        AssertClose(expected, OrtRunner.Run(model.ToBytes(), Input, Shape, "y"));
    }

    [Theory]
    [InlineData("x", null, "MaxPool")]   // the input may be negative: a zero pad can win the max
    [InlineData("r", 1f, "Conv")]         // padding with 1 is not the conv's zero padding
    [InlineData("r", null, "AveragePool")] // no rule for it
    public void Other_pads_stay(string source, float? value, string consumer)
    {
        var tiny = new TinyModel(13).Input("x", Shape).Output("y").Weight("w", [4, 3, 3, 3]);
        tiny.Node("Relu", ["x"], "r");
        PadNode(tiny, source, value);
        var node = tiny.Node(consumer, consumer == "Conv" ? ["padded", "w"] : ["padded"], "y");
        if (consumer != "Conv")
        {
            node.SetAttribute("kernel_shape", [3L, 3]);
        }

        var model = tiny.Build();

        Assert.Equal(0, PadFolding.Run(model));
        Assert.Contains(model.Graph.Nodes, n => n.OpType == "Pad");
    }

    private static float[] Input => OrtRunner.RandomInput(5, Shape);

    private static TinyModel Padded(int opset, string source, float? value)
    {
        var tiny = new TinyModel(opset).Input("x", Shape).Output("y");
        PadNode(tiny, source, value);
        return tiny;
    }

    // Pads [N, C, H, W] begins then ends: H by 1 and 2, W by 2 and 1.
    private static void PadNode(TinyModel tiny, string source, float? value)
    {
        tiny.Tensor(OnnxTensor.FromInt64s("pads", [8], [0, 0, 1, 2, 0, 0, 2, 1]));
        if (value is { } v)
        {
            tiny.Tensor(OnnxTensor.Scalar("pad_value", v));
        }

        tiny.Node("Pad", value is null ? [source, "pads"] : [source, "pads", "pad_value"], "padded");
    }

    private static (OnnxModel Model, float[] Expected) Fold(TinyModel tiny, out int folded)
    {
        var model = tiny.Build();
        var expected = OrtRunner.Run(model.ToBytes(), Input, Shape, "y");
        folded = PadFolding.Run(model);
        return (model, expected);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.True(MathF.Abs(p.First - p.Second) <= 1e-5f, $"{p.First} vs {p.Second}"));
    }
}
