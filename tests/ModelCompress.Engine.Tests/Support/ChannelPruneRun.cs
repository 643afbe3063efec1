using ModelCompress.Engine.Evaluation;

namespace ModelCompress.Engine.Tests.Support;

/// <summary>Runs the channel prune runner on a one-step config, as the pipeline would, for the channel tests.</summary>
internal static class ChannelPruneRun
{
    /// <summary>The digits config with one step, <c>prune: settings</c>.</summary>
    public static string Yaml(string settings) => ConfigText.WithSteps($"      - prune: {settings}");

    /// <summary>Runs <c>prune: settings</c> on <paramref name="source"/> (also the original), seed 0.</summary>
    public static StepResult Run(string settings, OnnxModel source, EvalDataset? data = null, Action<Diagnostic>? report = null)
    {
        var config = ConfigText.Parse(Yaml(settings)).Models[0];
        var context = new StepContext(data, 0, new Progress<StepProgress>(), report ?? (_ => { }), CancellationToken.None);
        return new ChannelPruneRunner().Run(new StepInput(source, source, config.Steps[0], config), context);
    }

    /// <summary>The digits rows as a run loads them: judged on x_test/y_test, searched on <paramref name="calibration"/>.</summary>
    public static EvalDataset DigitsRows(OnnxModel model, string calibration = "x_calib")
    {
        var source = new DataSource(DigitsData.Model("digits.npz"), "npz", [new("", "x_test")], "y_test", [new("", calibration)], null, null);
        return DatasetLoader.Load(source, ModelSignature.FromOnnx(model));
    }
}
