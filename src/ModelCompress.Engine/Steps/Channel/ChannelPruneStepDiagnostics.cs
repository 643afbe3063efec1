namespace ModelCompress.Engine.Steps.Channel;

/// <summary>The diagnostics of the channel pruning step (MC3200–MC3229), one factory per problem.</summary>
public static class ChannelPruneStepDiagnostics
{
    /// <summary>MC3200: no group of channels can be pruned.</summary>
    public static Diagnostic NothingPrunable(IEnumerable<string> reasons, SourcePosition position) => Diagnostic.Error("MC3200",
        "Nothing to prune by channel: no group of channels can be removed. " +
        $"{string.Join("; ", reasons.Take(6))}. Channel pruning needs Conv/Gemm/MatMul weights as initializers feeding ops it knows; " +
        "use method: magnitude for this model, or report the blocking op.", position);

    /// <summary>MC3201: a group named in include cannot be pruned (names the blocking node).</summary>
    public static Diagnostic IncludedGroupBlocked(string node, string reason, SourcePosition position) => Diagnostic.Error("MC3201",
        $"The channels of '{node}' cannot be pruned: {reason}. Remove '{node}' from include (or exclude it).", position);

    /// <summary>MC3202: the sparsity, after rounding, would leave a group with no channel.</summary>
    public static Diagnostic WouldEmpty(string group, long channels, double sparsity, int roundTo, SourcePosition position) => Diagnostic.Error("MC3202",
        $"sparsity {sparsity.ToString(System.Globalization.CultureInfo.InvariantCulture)} with round_to {roundTo} would remove all {channels} channels of '{group}'. " +
        "Lower the sparsity or round_to, set min_channels, or exclude the node.", position);

    /// <summary>MC3203: min_channels exceeds a pruned group's channel count.</summary>
    public static Diagnostic MinAboveChannels(string group, long channels, int minChannels, SourcePosition position) => Diagnostic.Error("MC3203",
        $"min_channels is {minChannels} but '{group}' has only {channels} channels. Lower min_channels or exclude '{group}'.", position);

    /// <summary>MC3205 (warning): groups that an op without a channel rule (or another obstacle, such as a graph output reached through a Reshape not traced) keeps whole.</summary>
    public static Diagnostic GroupsKeptWhole(IEnumerable<string> reasons, SourcePosition position) => Diagnostic.Warning("MC3205",
        $"Some channels cannot be pruned and are kept whole: {string.Join("; ", reasons)}. The rest are pruned; " +
        "exclude these nodes to silence this, or report an op named there so it gets a channel rule.", position);

    /// <summary>MC3204: bn_scale importance on a model with no BatchNormalization after any pruned group.</summary>
    public static Diagnostic NoBatchNorm(SourcePosition position) => Diagnostic.Error("MC3204",
        "importance: bn_scale ranks channels by the γ of the BatchNormalization that follows them, and no pruned group is followed by one " +
        "(was BN folded into the convolutions?). Use importance: l1 or l2.", position);
}
