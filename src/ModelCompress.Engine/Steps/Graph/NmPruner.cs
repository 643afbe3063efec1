namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Semi-structured N:M pruning of Conv/Gemm/MatMul weights: in every group of m consecutive weights along the input
/// dimension, the m − n of smallest magnitude become zero. A weight whose input dimension is not a multiple of m
/// (a first conv over 1 or 3 channels, say) is left dense and named in the result, as NVIDIA's ASP does, because
/// sparse tensor cores only take whole groups. The pattern is checked on every written tensor before returning.
/// </summary>
public sealed class NmPruner(int n, int m, IReadOnlyList<string>? include = null, IReadOnlyList<string>? exclude = null)
{
    /// <summary>Prunes a copy of <paramref name="model"/>; the input is left unchanged.</summary>
    /// <exception cref="CompressionException">MC3230 when no weight can take the pattern; MC3231 if a written tensor breaks it.</exception>
    public NmPruneResult Prune(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (n < 1 || n >= m)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be at least 1 and below m ({m}).");
        }

        var result = model.Clone();
        var graph = result.Graph;
        var weights = PrunableWeight.Find(graph, NodeSelection.Create(graph, "prune", include, exclude));
        var layers = new List<PrunedLayer>();
        var skipped = new List<(string, string)>();
        foreach (var weight in weights)
        {
            var (layout, why) = NmLayout.ForGroups(weight.Node, weight.Tensor.Dims, m);
            if (layout is not { } l)
            {
                skipped.Add((weight.Node.DisplayName, why!));
                continue;
            }

            var pruned = weight.Zeroed(NmPattern.Select(weight.Tensor.ToFloatArray(), l, n, m));
            if (NmPattern.Violations(pruned.ToFloatArray(), l, n, m) is var broken and > 0)
            {
                throw new CompressionException(Diagnostic.Error("MC3231",
                    $"Internal error: N:M pruning left {broken} groups of '{pruned.Name}' with more than {n} non-zeros in {m}. Please report it."));
            }

            graph.SetInitializer(pruned);
            layers.Add(new PrunedLayer(weight.Node.DisplayName, weight.Node.OpType, pruned.Name, pruned.ElementCount, pruned.CountZeros()));
        }

        if (layers.Count == 0)
        {
            throw NothingToPrune(graph.Name, n, m, skipped);
        }

        return new NmPruneResult(result, layers, skipped);
    }

    /// <summary>MC3230: no selected weight can take the pattern (the gradual N:M step reports the same).</summary>
    public static CompressionException NothingToPrune(string graph, int n, int m, IReadOnlyList<(string Node, string Why)> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        return new CompressionException(Diagnostic.Error("MC3230",
            $"N:M pruning ({n}:{m}) found no weight to prune in graph '{graph}': " +
            (skipped.Count == 0
                ? "no selected Conv/Gemm/MatMul node has a float weight initializer"
                : string.Join("; ", skipped.Select(s => $"{s.Node}: {s.Why}"))) +
            ". Choose a smaller m, check include/exclude, or remove the step."));
    }
}
