namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of <c>prune: { method: neurons | heads, sparsity: 0.5 }</c>: that fraction of the intermediate neurons of
/// every feed-forward block (MatMul/Gemm → element-wise activation → MatMul/Gemm), or of the heads of every attention
/// block, is removed, lowest importance first (the group's L1 norm by default, L2, or a seeded random order).
/// </summary>
/// <param name="Sparsity">Fraction of each block's neurons or heads removed (0 &lt; s &lt; 1; one that would empty a block is MC3160).</param>
/// <param name="Include">Only blocks whose up projection (neurons) or output projection (heads) is one of these nodes (empty: all).</param>
/// <param name="Exclude">Blocks named the same way that are left alone.</param>
/// <param name="Method">Neurons or heads.</param>
/// <param name="Importance">L1 (default), L2 or Random.</param>
/// <param name="RoundTo">Neurons only: kept counts rounded to a multiple of this (default 1: no rounding), as for channels.</param>
/// <param name="MinChannels">Neurons only: no block keeps fewer neurons (null: a sparsity that would empty a block is an error).</param>
public sealed record NeuronPruneSettings(double Sparsity, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, PruneMethod Method = PruneMethod.Neurons,
    PruneImportance Importance = PruneImportance.L1, int RoundTo = 1, int? MinChannels = null) : IStepSettings
{
    /// <inheritdoc />
    public string Kind => "prune";

    /// <inheritdoc />
    public string CanonicalForm
    {
        get
        {
            var text = new CanonicalText(Kind).Add("method", Method).Add("sparsity", Sparsity).AddSet("include", Include).AddSet("exclude", Exclude);
            // Written only when not the default, so the cache keys of existing steps stay as they were.
            text = Importance == PruneImportance.L1 ? text : text.Add("importance", Importance);
            text = RoundTo == 1 ? text : text.Add("round_to", RoundTo);
            return (MinChannels is { } min ? text.Add("min_channels", min) : text).ToString();
        }
    }

    internal static NeuronPruneSettings? Read(MappingReader map, PruneMethod method)
    {
        map.Forbid($"method is {YamlNames.Of(method)}", "Structured pruning removes the same fraction of every block in one shot; add a finetune or distill step after it.",
            "scope", "schedule", "training", "max_layer_sparsity", "skip_first_last");
        var importance = map.Choice<PruneImportance>("importance") ?? PruneImportance.L1;
        importance = importance == PruneImportance.Magnitude ? PruneImportance.L1 : importance;
        if (importance is not (PruneImportance.L1 or PruneImportance.L2 or PruneImportance.Random))
        {
            map.Context.Report(BlockPruneDiagnostics.UnsupportedImportance(map.Value("importance")!.Position, method, importance));
        }

        var (roundTo, minChannels, roundingOk) = (1, (int?)null, true);
        if (method == PruneMethod.Heads)
        {
            map.Forbid("method is heads", "Every attention block keeps at least one head; round_to and min_channels apply to neurons and channels.",
                "round_to", "min_channels");
        }
        else
        {
            (roundTo, minChannels, roundingOk) = ChannelPruneSettings.ReadRounding(map);
        }

        var present = map.Require("sparsity", "Add 'sparsity:' between 0 and 1 (e.g. 0.5 removes half the neurons of each block).");
        var sparsity = map.Number("sparsity", NumberRange.Open(0, 1));
        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        return present && roundingOk && sparsity is { } s ? new NeuronPruneSettings(s, include, exclude, method, importance, roundTo, minChannels) : null;
    }
}
