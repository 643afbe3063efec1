using ModelCompress.Engine.Config.Reading;

namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of <c>prune: { method: neurons | heads, sparsity: 0.5 }</c>: that fraction of the intermediate neurons of
/// every feed-forward block (MatMul/Gemm → element-wise activation → MatMul/Gemm), or of the heads of every attention
/// block, is removed, lowest L1 norm first.
/// </summary>
/// <param name="Sparsity">Fraction of each block's neurons or heads removed (0 &lt; s &lt; 1; at least one is kept).</param>
/// <param name="Include">Only blocks whose up projection (neurons) or output projection (heads) is one of these nodes (empty: all).</param>
/// <param name="Exclude">Blocks named the same way that are left alone.</param>
/// <param name="Method">Neurons or heads.</param>
public sealed record NeuronPruneSettings(double Sparsity, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, PruneMethod Method = PruneMethod.Neurons) : IStepSettings
{
    /// <inheritdoc />
    public string Kind => "prune";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("method", Method).Add("sparsity", Sparsity)
        .AddSet("include", Include).AddSet("exclude", Exclude).ToString();

    internal static NeuronPruneSettings? Read(MappingReader map, PruneMethod method)
    {
        map.Forbid($"method is {YamlNames.Of(method)}", "Structured pruning removes the same fraction of every block, ranked by L1 norm, in one shot; add a finetune or distill step after it.",
            "scope", "schedule", "importance", "training", "max_layer_sparsity", "skip_first_last");
        var present = map.Require("sparsity", "Add 'sparsity:' between 0 and 1 (e.g. 0.5 removes half the neurons of each block).");
        var sparsity = map.Number("sparsity", NumberRange.Open(0, 1));
        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        return present && sparsity is { } s ? new NeuronPruneSettings(s, include, exclude, method) : null;
    }
}
