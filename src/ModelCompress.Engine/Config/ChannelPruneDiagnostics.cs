namespace ModelCompress.Engine.Config;

/// <summary>Configuration errors of <c>prune: { method: channel }</c> (MC1050–MC1059, MC1030–MC1032).</summary>
public static class ChannelPruneDiagnostics
{
    /// <summary>MC1050: round_to below 1.</summary>
    public static Diagnostic BadRoundTo(SourcePosition at, long value) => Diagnostic.Error("MC1050",
        $"round_to is {value}; it must be at least 1 (1 = no rounding; 8 keeps channel counts multiples of 8, as int8/SIMD kernels prefer).", at);

    /// <summary>MC1051: min_channels below 1.</summary>
    public static Diagnostic BadMinChannels(SourcePosition at, long value) => Diagnostic.Error("MC1051",
        $"min_channels is {value}; it must be at least 1 (no layer may be emptied). Remove it or give a positive count.", at);

    /// <summary>MC1030: Taylor importance with no training rows to take gradients from.</summary>
    public static Diagnostic TaylorNeedsTrainingData(SourcePosition at) => Diagnostic.Error("MC1030",
        "importance: taylor ranks channels by |w·∂L/∂w|, taken from seeded batches of the training rows, and the model's data section has no 'train' split. " +
        "Add 'train: { inputs: { input: x_train }, labels: y_train }' under 'data:', or use importance l1, l2, bn_scale or random.", at);

    /// <summary>MC1031: sparsity: auto asked of gradual channel pruning.</summary>
    public static Diagnostic AutoNotGradual(SourcePosition at) => Diagnostic.Error("MC1031",
        "sparsity: auto searches per-group ratios on the graph and cannot be combined with schedule: gradual. Give a fixed sparsity (e.g. 0.5), " +
        "or prune with sparsity: auto one-shot and follow it with a distill or finetune step.", at);

    /// <summary>MC1032: sparsity: auto with Taylor importance.</summary>
    public static Diagnostic AutoNotTaylor(SourcePosition at) => Diagnostic.Error("MC1032",
        "sparsity: auto ranks channels on the graph (l1, l2, bn_scale or random); importance: taylor needs gradients and a fixed sparsity. " +
        "Give a fixed sparsity (e.g. 0.5) or another importance.", at);

    /// <summary>MC1054: a channel importance or key given to unstructured pruning.</summary>
    public static Diagnostic ChannelOnly(SourcePosition at, string what) => Diagnostic.Error("MC1054",
        $"{what} applies to method: channel only. Set 'method: channel', or use importance magnitude/taylor for unstructured pruning.", at);
}
