using ModelCompress.Onnx.Metrics;

namespace ModelCompress.Onnx.Tests.Metrics;

public sealed class MacCounterTests
{
    [Fact]
    public void Digits_cnn_counts_each_conv_and_the_classifier_per_sample()
    {
        var cost = MacCounter.Count(OnnxModel.Load(TestFiles.Cnn));

        // 3×3 convs at 8×8: 1→32 and 32→64; at 4×4: 64→64; Gemm 64→10 (batch is symbolic, counted as 1).
        var convs = cost.Layers.Where(l => l.OpType == "Conv").Select(l => l.Macs).ToArray();
        Assert.Equal([64L * 32 * 9, 64L * 64 * 32 * 9, 16L * 64 * 64 * 9], convs);
        Assert.Equal(640, cost.Layers.Single(l => l.OpType == "Gemm").Macs);
        Assert.Equal(1_788_544, cost.Macs);
        Assert.True(cost.IsComplete);
        Assert.True(cost.Flops > 2 * cost.Macs);
    }

    [Fact]
    public void Wide_cnn_architecture_has_the_151_6_million_macs_its_readme_states()
    {
        // The layout of shared/fixtures/digits-wide/digits_wide_cnn.onnx (README: "151.6 M MACs per sample"),
        // rebuilt with random weights: MACs depend only on shapes.
        var cost = MacCounter.Count(WideCnn());

        Assert.True(cost.IsComplete, string.Join(", ", cost.Uncounted));
        Assert.Equal(151_584_768 + 2_560, cost.Macs);
        Assert.Equal("151.6", (cost.Macs / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6, cost.Layers.Count(l => l.OpType == "Conv"));
        Assert.Contains(cost.Layers, l => l.OpType == "Resize" && l.Flops == 32 * 32 * 7);
    }

    [Fact]
    public void Grouped_and_depthwise_convs_count_only_their_group_inputs()
    {
        var model = Graph([1, 8, 6, 6], g =>
        {
            g.SetInitializer(OnnxTensor.FromFloats("w_grouped", [16, 4, 3, 3], new float[16 * 4 * 9]));
            g.SetInitializer(OnnxTensor.FromFloats("w_depthwise", [16, 1, 3, 3], new float[16 * 9]));
            g.SetInitializer(OnnxTensor.FromFloats("b", [16], new float[16]));
            g.AddNode(OnnxNode.Create("Conv", "grouped", ["x", "w_grouped"], ["g"]).SetAttribute("group", 2L).SetAttribute("pads", [1L, 1, 1, 1]));
            g.AddNode(OnnxNode.Create("Conv", "depthwise", ["g", "w_depthwise", "b"], ["out"]).SetAttribute("group", 16L));
        });

        var cost = MacCounter.Count(model);

        Assert.Equal(36L * 16 * 4 * 9, cost.Layers[0].Macs);
        Assert.Equal(16L * 16 * 9, cost.Layers[1].Macs);
        Assert.Equal((2 * 16L * 16 * 9) + (16 * 16), cost.Layers[1].Flops);
    }

    [Fact]
    public void Matmul_gemm_pooling_and_elementwise_follow_their_shapes()
    {
        var model = Graph([OnnxDim.Named("batch"), OnnxDim.Of(4), OnnxDim.Of(6)], g =>
        {
            g.SetInitializer(OnnxTensor.FromFloats("w", [6, 5], new float[30]));
            g.SetInitializer(OnnxTensor.FromFloats("gw", [3, 20], new float[60]));
            g.SetInitializer(OnnxTensor.FromFloats("gb", [3], new float[3]));
            g.SetInitializer(OnnxTensor.FromInt64s("flat", [2], [1, 20]));
            g.AddNode(OnnxNode.Create("MatMul", "mm", ["x", "w"], ["m"]));
            g.AddNode(OnnxNode.Create("Relu", "relu", ["m"], ["r"]));
            g.AddNode(OnnxNode.Create("Reshape", "flatten", ["r", "flat"], ["f"]));
            g.AddNode(OnnxNode.Create("Gemm", "fc", ["f", "gw", "gb"], ["out"]).SetAttribute("transB", 1L));
        });

        var cost = MacCounter.Count(model);

        Assert.Equal(["mm", "relu", "fc"], cost.Layers.Select(l => l.Node));
        Assert.Equal([4L * 5 * 6, 0, 3L * 20], cost.Layers.Select(l => l.Macs));
        Assert.Equal([2L * 4 * 5 * 6, 20, (2 * 3L * 20) + 3], cost.Layers.Select(l => l.Flops));
        Assert.Equal(180, cost.Macs);
    }

    [Fact]
    public void An_op_it_cannot_count_is_named_not_guessed()
    {
        var model = Graph([1, 4], g =>
        {
            g.AddNode(OnnxNode.Create("TopK", "topk", ["x", "k"], ["out", "idx"]));
            g.SetInitializer(OnnxTensor.FromInt64s("k", [1], [2]));
        });

        var cost = MacCounter.Count(model);

        Assert.Equal(["topk"], cost.Uncounted);
        Assert.False(cost.IsComplete);
    }

    private static OnnxModel Graph(OnnxDim[] input, Action<OnnxGraph> build)
    {
        var proto = new GraphProto { Name = "g" };
        proto.Input.Add(new ValueInfoProto { Name = "x", Type = new OnnxTensorType(OnnxDataType.Float, input).ToProto() });
        proto.Output.Add(new ValueInfoProto { Name = "out" });
        var model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = proto });
        model.SetOpsetVersion("", 13);
        build(model.Graph);
        return model;
    }

    private static OnnxModel Graph(long[] input, Action<OnnxGraph> build) => Graph(input.Select(OnnxDim.Of).ToArray(), build);

    private static OnnxModel WideCnn() => Graph([OnnxDim.Named("batch"), OnnxDim.Of(1), OnnxDim.Of(8), OnnxDim.Of(8)], g =>
    {
        // PyTorch writes the scales as Concat(Constant, Constant): inference has to fold it to see 32×32.
        g.AddNode(OnnxNode.Create("Constant", "keep", [], ["keep"]).SetAttribute("value", OnnxTensor.FromFloats("keep", [2], [1f, 1f])));
        g.AddNode(OnnxNode.Create("Constant", "up", [], ["up"]).SetAttribute("value", OnnxTensor.FromFloats("up", [2], [4f, 4f])));
        g.AddNode(OnnxNode.Create("Concat", "scales", ["keep", "up"], ["scales"]).SetAttribute("axis", 0L));
        g.AddNode(OnnxNode.Create("Resize", "resize", ["x", "", "scales"], ["h0"]).SetAttribute("mode", "linear"));
        var (current, channels, index) = ("h0", 1L, 0);
        foreach (var (width, pool) in new[] { (64L, true), (128L, true), (256L, false) })
        {
            for (var repeat = 0; repeat < 2; repeat++, index++)
            {
                var w = OnnxTensor.FromFloats($"w{index}", [width, channels, 3, 3], new float[width * channels * 9]);
                g.SetInitializer(w);
                foreach (var p in new[] { "scale", "bias", "mean", "var" })
                {
                    g.SetInitializer(OnnxTensor.FromFloats($"{p}{index}", [width], new float[width]));
                }

                g.AddNode(OnnxNode.Create("Conv", $"conv{index}", [current, w.Name], [$"c{index}"]).SetAttribute("pads", [1L, 1, 1, 1]));
                g.AddNode(OnnxNode.Create("BatchNormalization", $"bn{index}", [$"c{index}", $"scale{index}", $"bias{index}", $"mean{index}", $"var{index}"], [$"b{index}"]));
                g.AddNode(OnnxNode.Create("Relu", $"relu{index}", [$"b{index}"], [$"r{index}"]));
                (current, channels) = ($"r{index}", width);
            }

            if (pool)
            {
                g.AddNode(OnnxNode.Create("MaxPool", $"pool{index}", [current], [$"p{index}"]).SetAttribute("kernel_shape", [2L, 2]).SetAttribute("strides", [2L, 2]));
                current = $"p{index}";
            }
        }

        g.SetInitializer(OnnxTensor.FromFloats("fc_w", [10, 256], new float[2560]));
        g.SetInitializer(OnnxTensor.FromFloats("fc_b", [10], new float[10]));
        g.AddNode(OnnxNode.Create("GlobalAveragePool", "gap", [current], ["gap"]));
        g.AddNode(OnnxNode.Create("Flatten", "flatten", ["gap"], ["flat"]));
        g.AddNode(OnnxNode.Create("Gemm", "fc", ["flat", "fc_w", "fc_b"], ["out"]).SetAttribute("transB", 1L));
    });
}
