namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Unstructured L1 magnitude pruning: the weights of smallest absolute value are set to zero, exactly
/// round(sparsity × count) of them (zeros already there count), over all layers at once or per layer.
/// Equal magnitudes are broken by position (layer order, then element index), so the result never varies.
/// </summary>
public sealed class MagnitudePruner
{
    /// <summary>Creates a pruner with validated options.</summary>
    public MagnitudePruner(MagnitudePruneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public MagnitudePruneOptions Options { get; }

    /// <summary>Prunes a copy of <paramref name="model"/>; the input is left unchanged.</summary>
    /// <exception cref="CompressionException">MC3051 when there is no weight to prune; MC3052 for an unknown node name.</exception>
    public MagnitudePruneResult Prune(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var selection = NodeSelection.Create(graph, "prune", Options.Include, Options.Exclude);
        var weights = PrunableWeight.Find(graph, selection);
        var keptDense = new List<string>();
        if (Options.SkipFirstLast)
        {
            var edges = EdgeLayers.Find(graph, weights.Select(w => w.Node).ToList());
            var named = (Options.Include ?? []).ToHashSet(StringComparer.Ordinal);
            keptDense.AddRange(weights.Where(w => edges.Contains(w.Node) && !named.Contains(w.Node.Name)).Select(w => w.Node.DisplayName));
            weights.RemoveAll(w => keptDense.Contains(w.Node.DisplayName));
        }

        if (weights.Count == 0)
        {
            throw new CompressionException(GraphStepDiagnostics.NothingToPrune(
                $"graph '{graph.Name}' has no Conv/Gemm/MatMul node with a float weight initializer" +
                (Options.Include is { Count: > 0 } || Options.Exclude is { Count: > 0 } ? " among the selected nodes" : string.Empty) +
                (keptDense.Count > 0 ? $" once the first and last layers ({string.Join(", ", keptDense)}) are left dense; set 'skip_first_last: false'" : string.Empty)));
        }

        var magnitudes = weights.Select(w => Array.ConvertAll(w.Tensor.ToFloatArray(), MathF.Abs)).ToArray();
        var capped = new bool[weights.Count];
        bool[][] masks;
        if (Options.Scope == PruneScope.Layer)
        {
            masks = magnitudes.Select(m => Select(m, Options.Sparsity)).ToArray();
        }
        else if (Options.Lamp || Options.MaxLayerSparsity < 1)
        {
            var scores = magnitudes.Select(m => Options.Lamp ? LampScores.Of(m) : Array.ConvertAll(m, v => (double)v)).ToArray();
            (masks, capped) = CappedSelection.Select(scores, Options.Sparsity, Options.MaxLayerSparsity);
        }
        else
        {
            masks = Split(Select(magnitudes.SelectMany(m => m).ToArray(), Options.Sparsity), magnitudes);
        }

        var layers = new List<PrunedLayer>(weights.Count);
        for (var i = 0; i < weights.Count; i++)
        {
            var pruned = weights[i].Zeroed(masks[i]);
            graph.SetInitializer(pruned);
            layers.Add(new PrunedLayer(weights[i].Node.DisplayName, weights[i].Node.OpType, pruned.Name, pruned.ElementCount, pruned.CountZeros()));
        }

        var cappedNodes = weights.Where((_, i) => capped[i]).Select(w => w.Node.DisplayName).ToList();
        return new MagnitudePruneResult(result, layers, keptDense, cappedNodes);
    }

    // Flags the round(sparsity × n) smallest magnitudes: everything below the k-th smallest value, then values
    // equal to it in index order until the count is exact.
    private static bool[] Select(float[] magnitudes, double sparsity)
    {
        var mask = new bool[magnitudes.Length];
        var k = (long)Math.Round(sparsity * magnitudes.Length, MidpointRounding.AwayFromZero);
        if (k == 0)
        {
            return mask;
        }

        var sorted = (float[])magnitudes.Clone();
        Array.Sort(sorted);
        var threshold = sorted[k - 1];
        var below = magnitudes.LongCount(m => m < threshold);
        var equalToTake = k - below;
        for (var i = 0; i < magnitudes.Length; i++)
        {
            if (magnitudes[i] < threshold)
            {
                mask[i] = true;
            }
            else if (magnitudes[i] == threshold && equalToTake > 0)
            {
                mask[i] = true;
                equalToTake--;
            }
        }

        return mask;
    }

    private static bool[][] Split(bool[] mask, float[][] layers)
    {
        var result = new bool[layers.Length][];
        var offset = 0;
        for (var i = 0; i < layers.Length; i++)
        {
            result[i] = mask.AsSpan(offset, layers[i].Length).ToArray();
            offset += layers[i].Length;
        }

        return result;
    }
}
