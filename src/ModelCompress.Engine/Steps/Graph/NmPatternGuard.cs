namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Keeps an N:M step's promise through the steps after it: every weight the N:M step left in the pattern must still
/// hold it in each later model (fine-tuning and distillation keep exact zeros, but a step that regrew them would
/// silently void the 2:4 layout sparse tensor cores need). Weights a later step renamed or removed (channel
/// slicing, quantization to integer initializers) are no longer float weights of the pattern and are not checked.
/// </summary>
public static class NmPatternGuard
{
    /// <summary>The weights of <paramref name="model"/> (an N:M step's output) that hold the n:m pattern and have zeros.</summary>
    public static IReadOnlyList<string> PatternWeights(OnnxModel model, int n, int m)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var names = new List<string>();
        foreach (var node in graph.Nodes)
        {
            if (node.Input(1) is not { Length: > 0 } name || !graph.TryGetInitializer(name, out var tensor) || tensor.DataType != OnnxDataType.Float
                || NmLayout.Of(node, tensor.Dims).Layout is not { } layout || layout.Length % m != 0 || tensor.CountZeros() == 0)
            {
                continue;
            }

            if (NmPattern.Violations(tensor.ToFloatArray(), layout, n, m) == 0 && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// MC3140 when a weight an earlier N:M step pruned breaks the pattern in <paramref name="current"/>, the output of
    /// <paramref name="step"/>; weights no longer present as float initializers are skipped.
    /// </summary>
    public static void Verify(NmPruneSettings nm, int nmStepIndex, IReadOnlyList<string> weights, OnnxModel current, StepConfig step)
    {
        ArgumentNullException.ThrowIfNull(nm);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(step);
        var present = weights.Where(w => current.Graph.TryGetInitializer(w, out var t) && t.DataType == OnnxDataType.Float).ToList();
        var broken = NmPattern.Check(current, present, nm.N, nm.M);
        if (broken.Count > 0)
        {
            throw new CompressionException(Diagnostic.Error("MC3140",
                $"step {step.Index + 1} ({step.Kind}) broke the {nm.N}:{nm.M} pattern that step {nmStepIndex + 1} made: " +
                string.Join(", ", broken.Select(b => b.Value < 0 ? $"'{b.Key}' (no longer a grouped weight)" : $"'{b.Key}' ({b.Value} groups)")) +
                ". Training steps keep exact zeros; a step that regrows weights must come before the N:M step, or drop the N:M step.",
                step.Position));
        }
    }
}
