using ModelCompress.Engine.Config.Reading;

namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of <c>prune: { method: neurons, sparsity: 0.5 }</c>: that fraction of the intermediate neurons of every
/// feed-forward block (MatMul/Gemm → element-wise activation → MatMul/Gemm) is removed, lowest L1 norm first.
/// </summary>
/// <param name="Sparsity">Fraction of each block's neurons removed (0 &lt; s &lt; 1; at least one is kept).</param>
/// <param name="Include">Only blocks whose up projection is one of these nodes (empty: all).</param>
/// <param name="Exclude">Blocks whose up projection is one of these nodes are left alone.</param>
public sealed record NeuronPruneSettings(double Sparsity, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude) : IStepSettings
{
    /// <inheritdoc />
    public string Kind => "prune";

    /// <inheritdoc />
    public string RunnerKey => "prune.neurons";

    /// <inheritdoc />
    public bool RequiresTorch => false;

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("method", PruneMethod.Neurons).Add("sparsity", Sparsity)
        .AddSet("include", Include).AddSet("exclude", Exclude).ToString();

    internal static NeuronPruneSettings? Read(MappingReader map)
    {
        map.Forbid("method is neurons", "Neuron pruning removes the same fraction of every feed-forward block, ranked by L1 norm, in one shot; add a finetune or distill step after it.",
            "scope", "schedule", "importance", "training", "max_layer_sparsity", "skip_first_last");
        var present = map.Require("sparsity", "Add 'sparsity:' between 0 and 1 (e.g. 0.5 removes half the neurons of each block).");
        var sparsity = map.Number("sparsity", NumberRange.Open(0, 1));
        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        return present && sparsity is { } s ? new NeuronPruneSettings(s, include, exclude) : null;
    }
}
