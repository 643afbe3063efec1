using ModelCompress.Engine.Config;
using ModelCompress.Engine.Data;
using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;
using ModelCompress.Onnx;
using ModelCompress.Torch.Tests.Support;
using ModelCompress.Torch.Tests.Training;
using ModelCompress.Torch.Training;

namespace ModelCompress.Torch.Tests.Steps;

/// <summary>Step inputs and contexts as the engine builds them, for running the Torch runners directly.</summary>
internal static class StepHarness
{
    public static readonly SourcePosition Position = new("compression.yaml", 7, 9);

    public static TrainingSettings Training(int epochs, double lr = 1e-3, DistillLossSettings? distill = null, bool earlyStop = false) =>
        new(epochs, 64, OptimizerKind.Adam, lr, 0.9, false, 0, LrScheduleKind.Constant, 0, 1, 0.1, null, earlyStop, distill);

    public static OnnxModel Model(string relativePath) => OnnxModel.Load(Path.Combine(Fixtures.TestData, relativePath));

    public static StepInput Input(OnnxModel model, IStepSettings settings, AccuracyBudget? budget = null, OnnxModel? original = null)
    {
        var step = new StepConfig(settings.Kind, 0, Position, settings);
        var config = new ModelConfig("digits", Position, "model.onnx", Position, null, [step], new BudgetsConfig(budget, null, null), EvaluationSettings.Default, 0);
        return new StepInput(model, original ?? model.Clone(), step, config);
    }

    public static StepContext Context(EvalDataset? data, List<StepProgress>? progress = null) =>
        new(data, 0, new ListProgress(progress ?? []), _ => { }, CancellationToken.None);

    /// <summary>Top-1 of a model on x_test, run through the Torch bridge in eval mode.</summary>
    public static double TestAccuracy(OnnxModel model)
    {
        using var module = new OnnxModule(model.Proto);
        using var test = DigitsData.Training("x_test", "y_test");
        return ValidationScore.Evaluate(TrainableModel.Of(module), test, regression: false);
    }

    private sealed class ListProgress(List<StepProgress> list) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => list.Add(value);
    }
}
