using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

public sealed class DynamicShapeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Shape_gather_concat_reshape_follows_the_batch_size(int batch)
    {
        // Shape(x) -> Gather(0) -> Unsqueeze -> Concat([N], [-1]) -> Reshape(x): what exporters emit for flatten.
        var model = new GraphBuilder(13)
            .Input("x").Output("y")
            .Int64s("zero", 0).Int64s("minus_one", -1).Int64s("axes0", 0)
            .Node("Shape", ["x"], ["shape"])
            .Node("Gather", ["shape", "zero"], ["n"], null, GraphBuilder.Int("axis", 0))
            .Node("Concat", ["n", "minus_one"], ["target"], null, GraphBuilder.Int("axis", 0))
            .Node("Reshape", ["x", "target"], ["y"])
            .Build();
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);

        var x = torch.arange(batch * 24, ScalarType.Float32).reshape(batch, 2, 3, 4);
        var y = module.forward(new Dictionary<string, Tensor> { ["x"] = x })["y"];

        Assert.Equal([batch, 24L], y.shape);
        Assert.Equal(x.reshape(-1).data<float>().ToArray(), y.reshape(-1).data<float>().ToArray());
    }

    [Fact]
    public void Squeeze_and_unsqueeze_take_axes_as_attribute_before_opset_13()
    {
        var model = new GraphBuilder(11)
            .Input("x").Output("y")
            .Node("Unsqueeze", ["x"], ["u"], null, GraphBuilder.Ints("axes", 0, 3))
            .Node("Squeeze", ["u"], ["y"], null, GraphBuilder.Ints("axes", 0))
            .Build();
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);

        var y = module.forward(new Dictionary<string, Tensor> { ["x"] = torch.ones(2, 3) })["y"];

        Assert.Equal([2L, 3L, 1L], y.shape);
    }

    [Fact]
    public void Squeeze_and_unsqueeze_take_axes_as_input_from_opset_13()
    {
        var model = new GraphBuilder(13)
            .Input("x").Output("y")
            .Int64s("a", 0, -1).Int64s("b", 0)
            .Node("Unsqueeze", ["x", "a"], ["u"])
            .Node("Squeeze", ["u", "b"], ["y"])
            .Build();
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);

        var y = module.forward(new Dictionary<string, Tensor> { ["x"] = torch.ones(2, 3) })["y"];

        Assert.Equal([2L, 3L, 1L], y.shape);
    }
}
