using ModelCompress.Engine.Steps;
using ModelCompress.Onnx;
using ModelCompress.Torch.Training.Pruning;
using ModelCompress.Torch.Training.Pruning.Channels;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// What one training step asks for: the model to train, the teacher (null: no distillation), the KD weights, the
/// training block, and the gradual-pruning settings when the step prunes (or, for channels, the pruner to create
/// from the student module, the steps per epoch and the epochs; likewise for N:M).
/// </summary>
internal sealed record TrainingStepSpec(
    string Step,
    OnnxModel Student,
    OnnxModel? Teacher,
    double Temperature,
    double Alpha,
    IReadOnlyList<FeaturePair> Features,
    TrainingSettings Training,
    bool LabelsRequired,
    PruneSettings? Prune = null,
    Func<OnnxModule, int, int, GradualChannelPruner>? Channels = null,
    Func<OnnxModule, int, int, GradualNmPruner>? Nm = null)
{
    /// <summary>
    /// Trains the step's current model on its training block; with <c>training.distill</c> the original model is the
    /// teacher (labels then optional), without it the labels are required. What finetune and the gradual prunes share.
    /// </summary>
    public static TrainingStepSpec OfCurrentModel(string step, StepInput input, TrainingSettings training)
    {
        var kd = training.Distill;
        return new TrainingStepSpec(step, input.Model, kd is null ? null : input.Original, kd?.Temperature ?? 1, kd?.Alpha ?? 0, [], training, LabelsRequired: kd is null);
    }
}
