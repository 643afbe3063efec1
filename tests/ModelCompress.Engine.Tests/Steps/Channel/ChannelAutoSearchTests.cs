using ModelCompress.Engine.Evaluation;

namespace ModelCompress.Engine.Tests.Steps.Channel;

public sealed class ChannelAutoSearchTests(ITestOutputHelper output)
{
    private static readonly SourcePosition At = new("compression.yaml", 7, 5);

    [Fact]
    public void Auto_ratios_reach_the_macs_target_losing_no_more_calibration_accuracy_than_uniform_ratios()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));
        var calib = Rows(model, "x_calib", "y_calib");
        var test = Rows(model, "x_test", "y_test");
        const double target = 0.4;

        var auto = ChannelAutoSearch.ForMacs(model, calib, target, 0.98, At);
        var autoModel = Prune(model, auto.Ratios.ToDictionary(r => r.Key, r => r.Value));
        var (uniformRatio, uniformModel) = Uniform(model, target);

        var original = MacCounter.Count(model).Macs;
        var uniformMacs = (double)MacCounter.Count(uniformModel).Macs / original;
        var autoCalib = Accuracy(autoModel, calib);
        var uniformCalib = Accuracy(uniformModel, calib);
        output.WriteLine($"original: calib {Accuracy(model, calib):0.0000} test {Accuracy(model, test):0.0000}");
        output.WriteLine($"auto {string.Join(", ", auto.Ratios.Select(r => $"{r.Key}={r.Value}"))}: macs {auto.MacsRatio:0.0000} calib {autoCalib:0.0000} test {Accuracy(autoModel, test):0.0000}");
        output.WriteLine($"uniform {uniformRatio:0.00}: macs {uniformMacs:0.0000} calib {uniformCalib:0.0000} test {Accuracy(uniformModel, test):0.0000}");
        output.WriteLine($"left alone: {string.Join("; ", auto.LeftAlone)}");

        Assert.True(auto.MacsRatio <= target, $"macs {auto.MacsRatio}");
        Assert.Equal(auto.Score, autoCalib, 12);
        Assert.True(autoCalib >= uniformCalib, $"auto {autoCalib} < uniform {uniformCalib}");
        Assert.Equal(["/conv1/Conv: first layer (reads a graph input)"], auto.LeftAlone);
        Assert.DoesNotContain("/conv1/Conv", auto.Ratios.Keys);
    }

    [Fact]
    public void A_target_below_what_pruning_can_reach_is_one_diagnostic_at_the_yaml_line()
    {
        var model = OnnxModel.Load(DigitsData.Model("digits_cnn.onnx"));

        var error = Assert.Throws<CompressionException>(() => ChannelAutoSearch.ForMacs(model, Rows(model, "x_calib", "y_calib"), 0.001, 0.98, At));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MC3250", diagnostic.Code);
        Assert.Equal(At, diagnostic.Position);
    }

    private static EvalDataset Rows(OnnxModel model, string inputs, string labels) =>
        DatasetLoader.Load(new DataSource(DigitsData.Model("digits.npz"), "npz", [new("", inputs)], labels, null, null, null), ModelSignature.FromOnnx(model));

    private static double Accuracy(OnnxModel model, EvalDataset data) =>
        ModelEvaluator.Evaluate(model.ToBytes(), data, EvaluationOptions.Default with { Warmup = 0, Iterations = 0 }, null).Accuracy!.Value;

    private static OnnxModel Prune(OnnxModel model, Dictionary<string, double> byName)
    {
        var (groups, _) = ChannelAutoSearch.Allowed(model);
        return ChannelRatioPlan.Apply(model, groups.Where(g => byName.ContainsKey(g.Name)).ToDictionary(g => g.Id, g => byName[g.Name]));
    }

    // The same ratio on every group the search may touch, the smallest (in hundredths) that meets the target.
    private static (double Ratio, OnnxModel Model) Uniform(OnnxModel model, double target)
    {
        var (groups, _) = ChannelAutoSearch.Allowed(model);
        var original = MacCounter.Count(model).Macs;
        for (var hundredths = 1; hundredths <= 98; hundredths++)
        {
            var pruned = ChannelRatioPlan.Apply(model, groups.ToDictionary(g => g.Id, _ => hundredths / 100.0));
            if (MacCounter.Count(pruned).Macs <= original * target)
            {
                return (hundredths / 100.0, pruned);
            }
        }

        throw new InvalidOperationException("uniform ratios cannot reach the target");
    }
}
