using ModelCompress.Torch.Ops;
using static TorchSharp.torch;

namespace ModelCompress.Torch.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public void Unsupported_ops_are_all_reported_with_op_node_and_opset()
    {
        var model = new GraphBuilder(13)
            .Input("x").Output("z")
            .Node("TopK", ["x"], ["y"], "pick_best")
            .Node("Einsum", ["y"], ["z"], "mix")
            .Build();

        var e = Assert.Throws<CompressionException>(() => new OnnxModule(model));

        Assert.Equal(2, e.Diagnostics.Count);
        Assert.All(e.Diagnostics, d => Assert.Equal("MC3101", d.Code));
        Assert.Contains("'TopK' (node 'pick_best', opset 13)", e.Diagnostics[0].Message);
        Assert.Contains("'Einsum' (node 'mix', opset 13)", e.Diagnostics[1].Message);
    }

    [Fact]
    public void An_op_is_resolved_by_opset()
    {
        Assert.True(OpRegistry.Default.Supports("Squeeze", 11));
        Assert.True(OpRegistry.Default.Supports("Squeeze", 13));
        Assert.False(OpRegistry.Default.Supports("LayerNormalization", 16));
        Assert.True(OpRegistry.Default.Supports("LayerNormalization", 17));
        Assert.False(OpRegistry.Default.Supports("Relu", 13, "com.microsoft"));
    }

    [Fact]
    public void A_missing_input_names_the_input()
    {
        var model = new GraphBuilder(13).Input("x").Output("y").Node("Relu", ["x"], ["y"]).Build();
        using var module = new OnnxModule(model);

        var e = Assert.Throws<CompressionException>(() => module.forward(new Dictionary<string, Tensor> { ["image"] = torch.ones(1) }));

        Assert.Equal("MC3105", e.Diagnostics[0].Code);
        Assert.Contains("'x'", e.Diagnostics[0].Message);
    }

    [Fact]
    public void A_node_failing_at_run_time_is_named()
    {
        var model = new GraphBuilder(13).Input("a").Input("b").Output("y").Node("MatMul", ["a", "b"], ["y"], "proj").Build();
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);

        var e = Assert.Throws<CompressionException>(() => module.forward(new Dictionary<string, Tensor> { ["a"] = torch.ones(2, 3), ["b"] = torch.ones(4, 5) }));

        Assert.Equal("MC3103", e.Diagnostics[0].Code);
        Assert.Contains("Node 'proj' (MatMul)", e.Diagnostics[0].Message);
    }

    [Fact]
    public void Cubic_resize_is_refused_with_the_node_named()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestData", "onnx-node-tests", "test_resize_upsample_scales_linear");
        var model = ModelCompress.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(dir, "model.onnx")));
        model.Graph.Node[0].Attribute.Single(a => a.Name == "mode").S = Google.Protobuf.ByteString.CopyFromUtf8("cubic");
        using var scope = torch.NewDisposeScope();
        using var module = new OnnxModule(model);

        var e = Assert.Throws<CompressionException>(() => module.forward(new Dictionary<string, Tensor>
        {
            ["X"] = torch.ones(1, 1, 2, 2),
            ["scales"] = torch.tensor(new[] { 1f, 1f, 2f, 2f }),
        }));

        Assert.Equal("MC3102", e.Diagnostics[0].Code);
        Assert.Contains("mode='cubic'", e.Diagnostics[0].Message);
    }
}
