using ModelCompress.Engine.Config;
using ModelCompress.Onnx;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// What one training step asks for: the model to train, the teacher (null: no distillation), the KD weights, the
/// training block, and the gradual-pruning settings when the step prunes.
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
    PruneSettings? Prune = null);
