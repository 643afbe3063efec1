using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>Configuration errors of <c>prune: { method: channel }</c> (MC1050–MC1059).</summary>
public static class ChannelPruneDiagnostics
{
    /// <summary>MC1050: round_to below 1.</summary>
    public static Diagnostic BadRoundTo(SourcePosition at, long value) => Diagnostic.Error("MC1050",
        $"round_to is {value}; it must be at least 1 (1 = no rounding; 8 keeps channel counts multiples of 8, as int8/SIMD kernels prefer).", at);

    /// <summary>MC1051: min_channels below 1.</summary>
    public static Diagnostic BadMinChannels(SourcePosition at, long value) => Diagnostic.Error("MC1051",
        $"min_channels is {value}; it must be at least 1 (no layer may be emptied). Remove it or give a positive count.", at);

    /// <summary>MC1052: Taylor importance asked of one-shot channel pruning.</summary>
    public static Diagnostic TaylorNeedsGradients(SourcePosition at) => Diagnostic.Error("MC1052",
        "importance: taylor needs gradients, and channel pruning here is one-shot on the graph. Taylor is for gradual schedules " +
        "(prune: { method: magnitude, importance: taylor, schedule: gradual, training: … }); for channels use l1, l2, bn_scale or random.", at);

    /// <summary>MC1053: a gradual schedule asked of channel pruning.</summary>
    public static Diagnostic GradualNotSupported(SourcePosition at) => Diagnostic.Error("MC1053",
        "schedule: gradual is not available for method: channel yet. Prune channels one-shot and follow with a distill or finetune step " +
        "(teacher: original) to recover accuracy.", at);

    /// <summary>MC1054: a channel importance or key given to unstructured pruning.</summary>
    public static Diagnostic ChannelOnly(SourcePosition at, string what) => Diagnostic.Error("MC1054",
        $"{what} applies to method: channel only. Set 'method: channel', or use importance magnitude/taylor for unstructured pruning.", at);
}
