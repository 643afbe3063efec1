using ModelCompress.Torch.Tests.Training;

namespace ModelCompress.Torch.Tests.Steps;

/// <summary>Step inputs and contexts as the engine builds them, for running the Torch runners directly.</summary>
internal static class StepHarness
{
    public static readonly SourcePosition Position = new("compression.yaml", 7, 9);

    public static TrainingSettings Training(int epochs, double lr = 1e-3, TrainingDistillation? distill = null, bool earlyStop = false, AccuracyBudget? budget = null) =>
        new(epochs, 64, OptimizerKind.Adam, lr, 0.9, false, 0, LrSchedule.Constant, 0, null, null, 0, earlyStop, distill, budget, Position);

    public static AccuracyBudget Budget(double maxDrop) => new(AccuracyMetric.Top1, maxDrop, null, Position, Position);

    public static PruneSettings Prune(double sparsity, PruneScope scope, PruneImportance importance, TrainingSettings training, params string[] include) =>
        new(PruneMethod.Magnitude, sparsity, scope, PruneSchedule.Gradual, importance, include, [], training);

    public static DistillSettings Distill(TrainingSettings training, params FeaturePair[] features) =>
        new(DistillSettings.OriginalTeacher, null, DistillSettings.CurrentStudent, null, 4, 0.7, features, training);

    public static OnnxModel Model(string relativePath) => OnnxModel.Load(Path.Combine(Fixtures.TestData, relativePath));

    public static StepInput Input(OnnxModel model, IStepSettings settings, AccuracyBudget? budget = null, OnnxModel? original = null)
    {
        var step = new StepConfig(settings.Kind, 0, Position, settings, new Dictionary<string, SourcePosition>());
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
