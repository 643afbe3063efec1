namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// One global ranking over all layers with a ceiling per layer: exactly round(sparsity × total) weights are chosen,
/// lowest score first (ties by layer, then index), but no layer gives up more than floor(cap × its size). A layer
/// that would pass its ceiling is held at it and the rest of the target is taken from the others (water-filling),
/// so a layer whose weights are small overall is never emptied.
/// </summary>
internal static class CappedSelection
{
    /// <summary>The prune masks per layer, and which layers were held at the ceiling.</summary>
    public static (bool[][] Masks, bool[] Capped) Select(double[][] scores, double sparsity, double cap)
    {
        var total = scores.Sum(s => (long)s.Length);
        var target = (long)Math.Round(sparsity * total, MidpointRounding.AwayFromZero);
        var ceilings = scores.Select(s => (long)Math.Floor(cap * s.Length)).ToArray();
        var capped = new bool[scores.Length];
        while (true)
        {
            var heldAtCeiling = ceilings.Where((_, l) => capped[l]).Sum();
            var remaining = target - heldAtCeiling;
            if (capped.All(c => c) && remaining > 0)
            {
                throw new CompressionException(Diagnostic.Error("MC3232",
                    $"Global pruning to sparsity {sparsity:0.####} cannot be reached with max_layer_sparsity {cap:0.####}: " +
                    $"every layer is at its ceiling with {remaining} weights still to prune. Lower sparsity or raise max_layer_sparsity."));
            }

            var chosen = Lowest(scores, capped, Math.Max(0, remaining));
            var over = Enumerable.Range(0, scores.Length).Where(l => !capped[l] && chosen[l].Count(c => c) > ceilings[l]).ToList();
            if (over.Count == 0)
            {
                for (var l = 0; l < scores.Length; l++)
                {
                    if (capped[l])
                    {
                        chosen[l] = Lowest([scores[l]], [false], ceilings[l])[0];
                    }
                }

                return (chosen, capped);
            }

            over.ForEach(l => capped[l] = true);
        }
    }

    // The k lowest scores over the layers not excluded, ties broken by layer then index.
    private static bool[][] Lowest(double[][] scores, bool[] excluded, long k)
    {
        var masks = scores.Select(s => new bool[s.Length]).ToArray();
        var candidates = new List<(double Score, int Layer, int Index)>();
        for (var l = 0; l < scores.Length; l++)
        {
            if (!excluded[l])
            {
                candidates.AddRange(scores[l].Select((s, i) => (s, l, i)));
            }
        }

        candidates.Sort();
        foreach (var (_, layer, index) in candidates.Take((int)Math.Min(k, candidates.Count)))
        {
            masks[layer][index] = true;
        }

        return masks;
    }
}
