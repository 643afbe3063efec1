using ModelCompress.Engine.Steps.Quantize;

namespace ModelCompress.Engine.Tests.Steps.Quantize;

public sealed class OpHandlerTests(ITestOutputHelper output)
{
    [Fact]
    public void Conv_only_model_fuses_every_conv_even_the_one_writing_the_graph_output()
    {
        var t = TinyModels.Create(13, 1, 8, 16, 16);
        var h = t.Conv("x", "c1", 8, 16, relu: true);
        h = t.Conv(h, "c2", 16, 16, relu: true);
        t.Conv(h, "c3", 16, 8, relu: false, output: "y");

        var result = t.Quantize();

        AssertFused(t.Model, result, ("Conv", 3));
        Assert.Equal(2, result.Nodes.Count(n => n.Role == NodeRole.FusedActivation));
        Assert.True(result.Model.Graph.IsGraphOutput("y"));
        AssertClose(t, result, 0.05f);
    }

    [Fact]
    public void Add_mul_and_concat_become_qlinear_kernels()
    {
        var t = TinyModels.Create(13, 1, 4, 8, 8);
        var a = t.Conv("x", "ca", 4, 4, relu: true);
        var b = t.Conv("x", "cb", 4, 4, relu: false);
        var sum = t.Node("Add", "add", [a, b]);
        var scaled = t.Node("Mul", "mul", [sum, t.Weight("gain", 1, 4, 1, 1)]);
        var cat = t.Node("Concat", "cat", [scaled, a], attributes: n => n.SetAttribute("axis", 1L));
        t.Conv(cat, "cout", 8, 4, relu: false, output: "y");

        var result = t.Quantize();

        AssertFused(t.Model, result, ("Add", 1), ("Mul", 1), ("Concat", 1), ("Conv", 3));
        AssertClose(t, result, 0.06f);
    }

    [Fact]
    public void Matmul_softmax_sigmoid_and_transpose_run_on_int8()
    {
        var t = TinyModels.Create(13, 1, 6, 8);
        var h = t.Node("MatMul", "proj", ["x", t.Weight("w", 8, 8)]);
        var ht = t.Node("Transpose", "tr", [h], attributes: n => n.SetAttribute("perm", [0L, 2, 1]));
        var scores = t.Node("MatMul", "scores", [h, ht]);
        var p = t.Node("Softmax", "softmax", [scores], attributes: n => n.SetAttribute("axis", -1L));
        var o = t.Node("MatMul", "mix", [p, h]);
        t.Node("Sigmoid", "gate", [o], "y");

        var result = t.Quantize();

        AssertFused(t.Model, result, ("MatMul", 3), ("Softmax", 1), ("Sigmoid", 1), ("Transpose", 1));
        AssertClose(t, result, 0.05f);
    }

    [Fact]
    public void Nearest_resize_runs_on_int8_and_linear_resize_stays_float_with_a_reason()
    {
        foreach (var mode in new[] { "nearest", "linear" })
        {
            var t = TinyModels.Create(13, 1, 4, 8, 8);
            t.Model.Graph.SetInitializer(OnnxTensor.FromFloats("scales", [4], [1f, 1f, 2f, 2f]));
            var r = t.Node("Resize", "resize", ["x", "", "scales"], attributes: n => n.SetAttribute("mode", mode));
            t.Conv(r, "c1", 4, 4, relu: false, output: "y");

            var result = t.Quantize();

            var resize = result.Nodes.Single(n => n.OpType == "Resize");
            Assert.Equal(mode == "nearest", resize.Quantized);
            Assert.Equal(new FusionCount("Resize", 1, mode == "nearest" ? 1 : 0), FusionCheck.Count(t.Model, result.Model).Single(c => c.OpType == "Resize"));
            Assert.Equal(new FusionCount("Conv", 1, 1), FusionCheck.Count(t.Model, result.Model).Single(c => c.OpType == "Conv"));
            AssertClose(t, result, 0.05f);
        }
    }

    [Fact]
    public void Unknown_op_stays_float_with_a_reason_and_its_neighbours_still_fuse()
    {
        var t = TinyModels.Create(13, 1, 4, 8, 8);
        var h = t.Conv("x", "c1", 4, 4, relu: false);
        var e = t.Node("Erf", "erf", [h]);
        t.Conv(e, "c2", 4, 4, relu: false, output: "y");

        var result = t.Quantize();

        var erf = result.Nodes.Single(n => n.OpType == "Erf");
        Assert.False(erf.Quantized);
        Assert.Contains("no static quantization handler for Erf", erf.Reason, StringComparison.Ordinal);
        AssertFused(t.Model, result, ("Conv", 2));
        AssertClose(t, result, 0.05f);
    }

    [Fact]
    public void Below_opset_13_weights_are_per_tensor_and_excluded_nodes_stay_float()
    {
        // A Resize changed meaning on the way to opset 13, so this model stays at 12 (see the next test).
        var t = TinyModels.Create(12, 1, 4, 8, 8);
        var h = t.Conv("x", "c1", 4, 4, relu: true);
        t.Model.Graph.SetInitializer(OnnxTensor.FromFloats("ones", [4], [1f, 1f, 1f, 1f]));
        t.Model.Graph.SetInitializer(OnnxTensor.FromFloats("roi", [0], []));
        h = t.Node("Resize", "same_size", [h, "roi", "ones"], attributes: n => n.SetAttribute("mode", "nearest"));
        t.Conv(h, "c2", 4, 4, relu: false, output: "y");

        var result = t.Quantize(new StaticQuantizeOptions(Exclude: ["c2"]));

        Assert.False(result.PerChannel);
        Assert.All(result.Model.Graph.Nodes.Where(n => n.OpType == "DequantizeLinear"), n => Assert.False(n.HasAttribute("axis")));
        Assert.Equal("excluded by name", result.Nodes.Single(n => n.Node == "c2").Reason);
        Assert.Equal(new FusionCount("Conv", 2, 1), FusionCheck.Count(t.Model, result.Model).Single(c => c.OpType == "Conv"));
        AssertClose(t, result, 0.05f);
    }

    [Fact]
    public void An_older_opset_is_raised_to_13_for_per_channel_weights()
    {
        var t = TinyModels.Create(10, 1, 4, 8, 8);
        var h = t.Conv("x", "c1", 4, 4, relu: true);
        t.Node("Clip", "clip", [t.Conv(h, "c2", 4, 4, relu: false)], "y", n => n.SetAttribute("max", 6f));

        var result = t.Quantize();

        Assert.True(result.PerChannel);
        Assert.Equal(13, result.Model.OpsetVersion());
        Assert.Equal(10, t.Model.OpsetVersion());
        Assert.Equal(new FusionCount("Conv", 2, 2), FusionCheck.Count(t.Model, result.Model).Single(c => c.OpType == "Conv"));
        AssertClose(t, result, 0.05f);
    }

    [Fact]
    public void Nothing_quantizable_is_MC3071_and_unknown_names_MC3052()
    {
        var t = TinyModels.Create(13, 1, 4);
        t.Node("Erf", "erf", ["x"], "y");

        Assert.Equal("MC3071", Assert.Throws<CompressionException>(() => t.Quantize()).Diagnostics.Single().Code);
        Assert.Equal("MC3052", Assert.Throws<CompressionException>(() => t.Quantize(new StaticQuantizeOptions(Include: ["nope"]))).Diagnostics.Single().Code);
    }

    private void AssertFused(OnnxModel original, StaticQuantizeResult result, params (string Op, int Count)[] expected)
    {
        var counts = FusionCheck.Count(original, result.Model);
        output.WriteLine(string.Join(", ", counts));
        foreach (var (op, count) in expected)
        {
            var c = counts.Single(x => x.OpType == op);
            Assert.Equal((count, count), (c.Total, c.Fused));
        }
    }

    private void AssertClose(TinyModels t, StaticQuantizeResult result, float tolerance)
    {
        var error = TinyModels.RelativeError(t.Run(t.Model), t.Run(result.Model));
        output.WriteLine($"relative error {error:G3}");
        Assert.True(error < tolerance, $"relative error {error}");
    }
}
