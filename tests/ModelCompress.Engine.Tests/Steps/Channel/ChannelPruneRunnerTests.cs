using ModelCompress.Engine.Config;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;
using ModelCompress.Engine.Steps.Channel;
using ModelCompress.Engine.Tests.Config;
using ModelCompress.Engine.Tests.Support;
using ModelCompress.Onnx;

namespace ModelCompress.Engine.Tests.Steps.Channel;

public sealed class ChannelPruneRunnerTests
{
    [Fact]
    public void Half_the_channels_of_the_bn_cnn_go_rounded_to_8_and_the_model_runs_smaller()
    {
        var (result, _) = Run("{ method: channel, sparsity: 0.5, importance: bn_scale, round_to: 8 }", "digits_cnn_bn.onnx");

        var convs = result.Model.Graph.Nodes.Where(n => n.OpType == "Conv").Select(n => Weight(result.Model, n.Input(1))).ToList();
        Assert.Equal([[16, 1, 3, 3], [32, 16, 3, 3], [32, 32, 3, 3]], convs);
        Assert.Equal([10, 32], Weight(result.Model, result.Model.Graph.Nodes.Single(n => n.OpType == "Gemm").Input(1)));
        Assert.Contains(result.Facts, f => f.Key == "channels removed" && f.Value == "80/160");
        var original = OnnxModel.Load(DigitsData.Model("digits_cnn_bn.onnx"));
        Assert.True(result.Model.ToBytes().Length * 3 < original.ToBytes().Length);
        var accuracy = OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes()));
        Assert.InRange(accuracy, 0.0, 1.0);
    }

    [Fact]
    public void Same_model_and_settings_give_the_same_bytes()
    {
        var a = Run("{ method: channel, sparsity: 0.4, scope: global, importance: l2 }").Result.Model.ToBytes();
        var b = Run("{ method: channel, sparsity: 0.4, scope: global, importance: l2 }").Result.Model.ToBytes();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Random_importance_follows_the_seed_and_differs_from_l1()
    {
        static byte[] Pruned(string importance) => Run($"{{ method: channel, sparsity: 0.5, importance: {importance} }}").Result.Model.ToBytes();

        Assert.Equal(Pruned("random"), Pruned("random"));
        Assert.NotEqual(Pruned("random"), Pruned("l1"));
    }

    [Fact]
    public void Global_scope_keeps_at_least_min_channels_everywhere()
    {
        var (result, _) = Run("{ method: channel, sparsity: 0.9, scope: global, min_channels: 4 }");

        Assert.All(result.Model.Graph.Nodes.Where(n => n.OpType == "Conv"), n => Assert.True(Weight(result.Model, n.Input(1))[0] >= 4));
        Assert.Contains(result.Facts, f => f.Key == "channels removed" && f.Value == "144/160");
    }

    [Fact]
    public void A_sparsity_that_rounding_would_empty_a_layer_is_an_error_at_the_sparsity()
    {
        const string Settings = "{ method: channel, sparsity: 0.95, round_to: 8 }";
        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(Settings)).Diagnostics);

        ConfigText.AssertAt(error, "MC3202", Yaml(Settings), "0.95");
        Assert.Contains("all 32 channels of '/conv1/Conv'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_channels_above_a_layer_width_is_an_error_at_min_channels()
    {
        const string Settings = "{ method: channel, sparsity: 0.5, min_channels: 40 }";
        var errors = Assert.Throws<CompressionException>(() => Run(Settings)).Diagnostics;

        ConfigText.AssertAt(errors[0], "MC3203", Yaml(Settings), "40");
        Assert.Contains("'/conv1/Conv' has only 32 channels", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_blocked_by_an_op_without_a_rule_is_named_warned_and_kept_whole()
    {
        var model = WithLrnAfterFirstRelu(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")));

        var (result, reported) = Run("{ method: channel, sparsity: 0.5 }", model: model);

        var warning = Assert.Single(reported);
        Assert.Equal("MC3205", warning.Code);
        Assert.Contains("node 'my_lrn' (LRN) has no channel rule", warning.Message, StringComparison.Ordinal);
        Assert.Equal([32, 1, 3, 3], Weight(result.Model, result.Model.Graph.Nodes.First(n => n.OpType == "Conv").Input(1)));
    }

    [Fact]
    public void Including_a_blocked_group_is_an_error_at_the_include_entry_naming_the_op()
    {
        const string Settings = "{ method: channel, sparsity: 0.5, include: [/conv1/Conv] }";
        var model = WithLrnAfterFirstRelu(OnnxModel.Load(DigitsData.Model("digits_cnn.onnx")));

        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(Settings, model: model)).Diagnostics);

        ConfigText.AssertAt(error, "MC3201", Yaml(Settings), "/conv1/Conv");
        Assert.Contains("'my_lrn' (LRN)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_left_to_prune_is_an_error_at_the_method_listing_why()
    {
        const string Settings = "{ method: channel, sparsity: 0.5, exclude: [/conv1/Conv, /conv2/Conv, /conv3/Conv] }";

        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(Settings)).Diagnostics);

        ConfigText.AssertAt(error, "MC3200", Yaml(Settings), "channel");
        Assert.Contains("'/fc/Gemm': they reach the graph output 'logits'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_an_exporter_left_unnamed_are_pruned_too()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        foreach (var node in model.Graph.Proto.Node)
        {
            node.Name = string.Empty;
        }

        var (result, _) = Run("{ method: channel, sparsity: 0.5 }", model: model);

        Assert.Contains(result.Facts, f => f.Key == "channels removed" && f.Value == "80/160");
    }

    [Fact]
    public void Bn_scale_on_a_model_without_batch_norm_is_an_error_at_the_importance()
    {
        const string Settings = "{ method: channel, sparsity: 0.5, importance: bn_scale }";
        var error = Assert.Single(Assert.Throws<CompressionException>(() => Run(Settings)).Diagnostics);

        ConfigText.AssertAt(error, "MC3204", Yaml(Settings), "bn_scale");
    }

    [Fact]
    public void A_grouped_conv_keeps_its_group_and_loses_as_many_channels_from_each_group_in_onnx_runtime()
    {
        // The digits CNN with conv2 made a 4-group convolution (its weight cut to 8 input channels per group).
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var conv2 = model.Graph.Nodes.Where(n => n.OpType == "Conv").ElementAt(1);
        Assert.True(model.Graph.TryGetInitializer(conv2.Input(1), out var w));
        var values = w.ToFloatArray();
        var grouped = Enumerable.Range(0, 64 * 8 * 9).Select(i => values[(i / 72 * 288) + (i % 72)]).ToArray();
        model.Graph.SetInitializer(OnnxTensor.FromFloats(w.Name, [64, 8, 3, 3], grouped));
        conv2.SetAttribute("group", 4L);

        var (result, _) = Run("{ method: channel, sparsity: 0.6, round_to: 2 }", model: model);

        // conv1 keeps 32 − ⌊19.2⌋ = 13, round_to 2 → 14, up to whole groups → 16 (4 per group); conv2 keeps 26, up to
        // 28 (7 per group); conv3, ungrouped, keeps 26.
        var convs = result.Model.Graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        Assert.Equal([[16, 1, 3, 3], [28, 4, 3, 3], [26, 28, 3, 3]], convs.Select(n => Weight(result.Model, n.Input(1))));
        Assert.Equal(4, convs[1].GetInt("group"));
        Assert.InRange(OrtEval.Accuracy(OrtEval.Logits(result.Model.ToBytes())), 0.0, 1.0);
    }

    private static string Yaml(string settings) => ConfigText.WithSteps($"      - prune: {settings}");

    private static (StepResult Result, List<Diagnostic> Reported) Run(string settings, string file = "digits_cnn.onnx", OnnxModel? model = null)
    {
        var config = ConfigText.Parse(Yaml(settings)).Models[0];
        var source = model ?? OnnxModel.Load(DigitsData.Model(file));
        var reported = new List<Diagnostic>();
        var context = new StepContext(null, 0, new Progress<StepProgress>(), reported.Add, CancellationToken.None);
        var result = new ChannelPruneRunner().Run(new StepInput(source, source, config.Steps[0], config), context);
        return (result, reported);
    }

    private static long[] Weight(OnnxModel model, string name) =>
        model.Graph.TryGetInitializer(name, out var tensor) ? tensor.Dims.ToArray() : throw new InvalidOperationException(name);

    private static OnnxModel WithLrnAfterFirstRelu(OnnxModel model)
    {
        var relu = model.Graph.Nodes.First(n => n.OpType == "Relu");
        var output = relu.Output(0);
        foreach (var consumer in model.Graph.Consumers(output).ToList())
        {
            consumer.SetInput(consumer.Inputs.ToList().IndexOf(output), "lrn_out");
        }

        model.Graph.AddNode(OnnxNode.Create("LRN", "my_lrn", [output], ["lrn_out"]).SetAttribute("size", 3L));
        return model;
    }
}
