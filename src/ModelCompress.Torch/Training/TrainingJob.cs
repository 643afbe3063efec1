using ModelCompress.Torch.Training.Objectives;

namespace ModelCompress.Torch.Training;

/// <summary>
/// One training run: the model, its rows, the validation rows (labelled; for agreement, the reference's
/// predictions), the loss, the options, and optional hooks. <paramref name="StepName"/> names the step in messages.
/// </summary>
public sealed record TrainingJob(
    string StepName,
    TrainableModel Model,
    TrainingData Train,
    TrainingData Validation,
    ITrainingObjective Objective,
    TrainingOptions Options,
    bool Regression = false,
    ITrainingHooks? Hooks = null,
    IProgress<StepProgress>? Progress = null,
    string Metric = "accuracy",
    CancellationToken Cancellation = default);
