namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The report's notes on what one-shot magnitude pruning left alone or held back, and why.</summary>
internal static class PruneLimitFacts
{
    public static IEnumerable<StepFact> Of(MagnitudePruneResult result, MagnitudePruneOptions options)
    {
        if (options.Lamp && options.Scope == PruneScope.Global)
        {
            yield return new StepFact("importance", "lamp (layer-adaptive magnitude scores, Lee et al. 2021)");
        }

        if (result.KeptDense is { Count: > 0 } dense)
        {
            yield return new StepFact("left dense", string.Join(", ", dense)
                + ": the first layer (fed by the graph input) and the classifier (feeding the graph output); set skip_first_last: false to prune them");
        }

        if (result.Capped is { Count: > 0 } capped)
        {
            yield return new StepFact("held at max_layer_sparsity " + options.MaxLayerSparsity.ToString("0.####", CultureInfo.InvariantCulture),
                string.Join(", ", capped) + ": global ranking would have pruned them further; the rest of the target came from other layers");
        }
    }
}
