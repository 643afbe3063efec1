namespace ModelCompress.Engine.Config;

/// <summary>
/// Validated, immutable settings of one step. The engine picks the runner by <see cref="RunnerKey"/> and puts
/// <see cref="CanonicalForm"/> into the step's cache key.
/// </summary>
public interface IStepSettings
{
    /// <summary>The YAML key of the step (<c>prune</c>, <c>quantize</c>, <c>distill</c>, <c>finetune</c>).</summary>
    string Kind { get; }

    /// <summary>Which registered runner executes these settings, e.g. <c>prune.oneshot</c>, <c>quantize.dynamic</c>.</summary>
    string RunnerKey { get; }

    /// <summary>
    /// Stable text of every value that changes the result, defaults filled in and keys sorted; file paths as
    /// written (their contents are hashed separately), nothing machine-specific.
    /// </summary>
    string CanonicalForm { get; }

    /// <summary>True when the runner needs TorchSharp (training); graph-only steps never load libtorch.</summary>
    bool RequiresTorch { get; }

    /// <summary>Absolute paths of files the step reads (a teacher model, say): their contents enter the cache key.</summary>
    IReadOnlyList<string> ReferencedFiles => [];

    /// <summary>
    /// The data sections the step reads (<c>train</c>, <c>validation</c>, <c>calibration</c>, <c>evaluation</c>): only
    /// their contents enter its cache key, so editing evaluation data reruns no step. Training steps read the train and
    /// validation splits; graph steps may read calibration rows (static quantization) and nothing else.
    /// </summary>
    IReadOnlyList<string> DataSections => RequiresTorch ? ["train", "validation"] : ["calibration"];

    /// <summary>True when the step's result depends on the accuracy budget (early stopping, a fallback search): the budget enters its key.</summary>
    bool ReadsAccuracyBudget => RequiresTorch;
}
