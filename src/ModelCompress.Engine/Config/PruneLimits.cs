namespace ModelCompress.Engine.Config;

/// <summary>
/// What one-shot magnitude pruning must leave alone: a ceiling per layer for the global scope
/// (<c>max_layer_sparsity</c>) and the first and classifier layers (<c>skip_first_last</c>).
/// </summary>
/// <param name="MaxLayerSparsity">Global scope: no layer is pruned beyond this fraction (default 0.98; 1 for none).</param>
/// <param name="SkipFirstLast">Leave the layers fed by a graph input and those feeding a graph output dense (default true).</param>
public sealed record PruneLimits(double MaxLayerSparsity, bool SkipFirstLast)
{
    /// <summary>The default ceiling: a layer keeps at least 2 % of its weights.</summary>
    public const double DefaultMaxLayerSparsity = 0.98;

    /// <summary>The defaults of one-shot magnitude pruning.</summary>
    public static PruneLimits Default { get; } = new(DefaultMaxLayerSparsity, true);

    /// <summary>The canonical text for the step's cache key.</summary>
    public string CanonicalForm => new CanonicalText("limits").Add("max_layer_sparsity", MaxLayerSparsity).Add("skip_first_last", SkipFirstLast).ToString();

    /// <summary>The limits of a one-shot step, or null for a gradual one (where the keys are refused).</summary>
    internal static PruneLimits? Read(MappingReader map, PruneSchedule schedule, PruneScope scope, double? sparsity)
    {
        if (schedule == PruneSchedule.Gradual)
        {
            map.Forbid("schedule is gradual", "Layer ceilings and skip_first_last apply to one-shot pruning; list layers in 'exclude' instead.",
                "max_layer_sparsity", "skip_first_last");
            return null;
        }

        if (scope == PruneScope.Layer)
        {
            map.Forbid("scope is layer", "Each layer already reaches exactly 'sparsity' with scope: layer; the ceiling is for scope: global.",
                "max_layer_sparsity");
        }

        var cap = map.Has("max_layer_sparsity") ? map.Number("max_layer_sparsity", NumberRange.Open(0, 1) with { MaxInclusive = true }) : DefaultMaxLayerSparsity;
        if (scope == PruneScope.Global && cap is { } ceiling && sparsity is { } s && s > ceiling)
        {
            map.Context.Report(Diagnostic.Error(
                "MC1062",
                $"sparsity {s:0.####} is above max_layer_sparsity {ceiling:0.####}: even with every layer at its ceiling the target cannot be reached. " +
                "Lower sparsity or raise max_layer_sparsity.",
                map.Value("sparsity")!.Position));
            return null;
        }

        var skip = map.Has("skip_first_last") ? map.Bool("skip_first_last") : true;
        return cap is { } c && skip is { } k ? new PruneLimits(c, k) : null;
    }
}
