namespace ModelCompress.Engine.Steps.Channel;

/// <summary>What <see cref="ChannelAutoSearch"/> chose.</summary>
/// <param name="Ratios">The ratio of channels removed per group name (groups left alone are absent).</param>
/// <param name="MacsRatio">MACs of the pruned model over the original's.</param>
/// <param name="Score">Accuracy (or agreement) on the search rows after pruning.</param>
/// <param name="LeftAlone">Groups never pruned, with why (fed by a graph input).</param>
public sealed record ChannelAutoResult(
    IReadOnlyDictionary<string, double> Ratios, double MacsRatio, double Score, IReadOnlyList<string> LeftAlone)
{
    /// <summary>The searched ratio at the stop: MACs, or measured latency for a latency target.</summary>
    public double Reached { get; init; }
}
