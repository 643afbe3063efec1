namespace ModelCompress.Engine.Steps;

/// <summary>The world around a step: the model's data (if any), the seed, and where to send progress and warnings.</summary>
public sealed record StepContext(
    EvalDataset? Data,
    int Seed,
    IProgress<StepProgress> Progress,
    Action<Diagnostic> Report,
    CancellationToken Cancellation);
