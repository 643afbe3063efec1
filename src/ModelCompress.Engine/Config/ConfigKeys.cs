namespace ModelCompress.Engine.Config;

/// <summary>
/// The keys each section of <c>compression.yaml</c> accepts. The parser checks keys against this table and a
/// test checks that schema/compression.schema.json describes exactly the same keys, so the two cannot drift.
/// Section names are also the schema's definition names (<see cref="Root"/> is the schema's top level).
/// </summary>
public static class ConfigKeys
{
    /// <summary>The top level of the file.</summary>
    public const string Root = "root";

    /// <summary>One entry under <c>models:</c>.</summary>
    public const string Model = "model";

    /// <summary>A model's <c>data:</c>.</summary>
    public const string Data = "data";

    /// <summary><c>data.train</c> and <c>data.validation</c>.</summary>
    public const string DataSplit = "data.split";

    /// <summary>One input under <c>data.generate</c> written as a mapping.</summary>
    public const string DataGenerate = "data.generate";

    /// <summary>One item of <c>steps:</c>; its keys are the step kinds.</summary>
    public const string Step = "step";

    /// <summary>Settings of the <c>prepare</c> step.</summary>
    public const string Prepare = "prepare";

    /// <summary>Settings of the <c>prune</c> step.</summary>
    public const string Prune = "prune";

    /// <summary>The <c>target</c> of <c>prune: { method: channel, sparsity: auto }</c>.</summary>
    public const string PruneTarget = "prune.target";

    /// <summary>Settings of the <c>quantize</c> step.</summary>
    public const string Quantize = "quantize";

    /// <summary><c>quantize.calibration</c> (static mode).</summary>
    public const string QuantizeCalibration = "quantize.calibration";

    /// <summary><c>quantize.fallback</c> (static mode).</summary>
    public const string QuantizeFallback = "quantize.fallback";

    /// <summary>Settings of the <c>distill</c> step.</summary>
    public const string Distill = "distill";

    /// <summary>One entry of <c>distill.features</c>.</summary>
    public const string DistillFeature = "distill.feature";

    /// <summary>Settings of the <c>finetune</c> step.</summary>
    public const string Finetune = "finetune";

    /// <summary>The <c>training:</c> block shared by every step that trains.</summary>
    public const string Training = "training";

    /// <summary><c>training.distill</c>: knowledge distillation from the original while training.</summary>
    public const string TrainingDistill = "training.distill";

    /// <summary>A model's <c>evaluation:</c>.</summary>
    public const string Evaluation = "evaluation";

    /// <summary>A model's <c>budgets:</c>.</summary>
    public const string Budgets = "budgets";

    /// <summary><c>budgets.accuracy</c>.</summary>
    public const string AccuracyBudget = "budgets.accuracy";

    /// <summary><c>budgets.latency</c>.</summary>
    public const string LatencyBudget = "budgets.latency";

    /// <summary><c>budgets.size</c>.</summary>
    public const string SizeBudget = "budgets.size";

    /// <summary><c>budgets.macs</c>.</summary>
    public const string MacsBudget = "budgets.macs";

    /// <summary>Every section and the keys it accepts, in documentation order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Sections { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [Root] = ["version", "models"],
            [Model] = ["source", "seed", "data", "steps", "evaluation", "budgets"],
            [Data] = ["path", "format", "inputs", "labels", "calibration", "train", "validation", "generate"],
            [DataSplit] = ["inputs", "labels"],
            [DataGenerate] = ["shape", "value", "range"],
            [Step] = ["prepare", "prune", "quantize", "distill", "finetune"],
            [Prepare] = ["fold_constants", "fold_batchnorm", "remove_identity", "max_fold_growth_kb"],
            [Prune] =
            [
                "method", "sparsity", "scope", "schedule", "importance", "include", "exclude", "training", "round_to", "min_channels",
                "n", "m", "max_layer_sparsity", "skip_first_last", "target",
            ],
            [PruneTarget] = ["macs_ratio", "latency_ratio"],
            [Quantize] =
            [
                "mode", "per_channel", "ops", "include", "exclude",
                "keep_io_types", "exclude_ops", "bits", "block_size", "symmetric", "accuracy_level",
                "activation_type", "weight_type", "symmetric_activations", "reduce_range", "calibration", "fallback",
            ],
            [QuantizeCalibration] = ["method", "percentile", "samples"],
            [QuantizeFallback] = ["max_nodes"],
            [Distill] = ["teacher", "student", "temperature", "alpha", "features", "training"],
            [DistillFeature] = ["teacher", "student"],
            [Finetune] = ["training"],
            [Training] =
            [
                "epochs", "batch_size", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "lr_schedule",
                "warmup_epochs", "step_size", "gamma", "seed", "early_stop", "distill",
            ],
            [TrainingDistill] = ["temperature", "alpha"],
            [Evaluation] = ["warmup", "iterations", "threads", "provider", "batch_size"],
            [Budgets] = ["accuracy", "latency", "size", "macs"],
            [AccuracyBudget] = ["metric", "max_drop", "max_relative_drop"],
            [LatencyBudget] = ["percentile", "max_ms", "max_ratio"],
            [SizeBudget] = ["max_kb", "max_ratio"],
            [MacsBudget] = ["max", "max_ratio"],
        };

    /// <summary>The keys of one section.</summary>
    public static IReadOnlyList<string> For(string section) => Sections[section];
}
