using static TorchSharp.torch;
using G = ModelCompress.Torch.Tests.Support.GraphBuilder;

namespace ModelCompress.Torch.Tests;

/// <summary>Op forms the conformance set (onnx 1.12, mostly opset 13) has no case for: older attribute forms and Gelu.</summary>
public sealed class OpsetFormsTests
{
    private static readonly float[] Values = [-3f, -1.5f, -0.25f, 0f, 0.5f, 1f, 2.5f, 4f];

    [Theory]
    [InlineData("none")]
    [InlineData("tanh")]
    public void Gelu_matches_torch(string approximate)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Values);
        var y = Run(new G(20).Input("x").Output("y").Node("Gelu", ["x"], ["y"], null, G.Text("approximate", approximate)), x);

        var expected = nn.functional.gelu(x, approximate == "tanh" ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none);
        TensorAssert.Close(expected, y, 1e-5, 1e-6, "Gelu");
    }

    [Fact]
    public void Clip_takes_bounds_as_attributes_before_opset_11()
    {
        using var scope = torch.NewDisposeScope();
        var y = Run(new G(6).Input("x").Output("y").Node("Clip", ["x"], ["y"], null, G.Float("min", -1f), G.Float("max", 2f)), torch.tensor(Values));

        Assert.Equal([-1f, -1f, -0.25f, 0f, 0.5f, 1f, 2f, 2f], y.data<float>().ToArray());
    }

    [Fact]
    public void Softmax_before_opset_13_normalizes_the_flattened_tail()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Values).reshape(2, 2, 2);
        var y = Run(new G(11).Input("x").Output("y").Node("Softmax", ["x"], ["y"], null, G.Int("axis", 1)), x);

        TensorAssert.Close(x.reshape(2, 4).softmax(1).reshape(2, 2, 2), y, 1e-6, 1e-7, "Softmax-11");
    }

    [Fact]
    public void ReduceSum_split_and_slice_take_attributes_in_old_opsets()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(Values).reshape(2, 4);
        var model = new G(11).Input("x").Output("sum").Output("left").Output("right")
            .Node("ReduceSum", ["x"], ["sum"], null, G.Ints("axes", 1), G.Int("keepdims", 0))
            .Node("Split", ["x"], ["left", "right"], null, G.Int("axis", 1), G.Ints("split", 1, 3))
            .Build();
        var sliceModel = new G(9).Input("x").Output("sliced")
            .Node("Slice", ["x"], ["sliced"], null, G.Ints("starts", 1), G.Ints("ends", 3), G.Ints("axes", 1)).Build();

        using var module = new OnnxModule(model);
        var outputs = module.forward(new Dictionary<string, Tensor> { ["x"] = x });
        using var slicer = new OnnxModule(sliceModel);
        var sliced = slicer.forward(new Dictionary<string, Tensor> { ["x"] = x })["sliced"];

        Assert.Equal([-4.75f, 8f], outputs["sum"].data<float>().ToArray());
        Assert.Equal([2L, 1L], outputs["left"].shape);
        Assert.Equal([2L, 3L], outputs["right"].shape);
        Assert.Equal([-1.5f, -0.25f, 1f, 2.5f], sliced.data<float>().ToArray());
    }

    private static Tensor Run(G builder, Tensor x)
    {
        using var module = new OnnxModule(builder.Build());
        return module.forward(new Dictionary<string, Tensor> { ["x"] = x })["y"];
    }
}
