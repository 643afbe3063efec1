using ModelCompress.Onnx;

namespace ModelCompress.Torch.Training.Pruning;

/// <summary>
/// The weights gradual pruning may zero: the same set the graph pruner uses, input 1 (W / B) of Conv, Gemm and
/// MatMul when it is an initializer, never a bias; a weight shared by several nodes once. Each must be a float
/// parameter of the module, else MC3125 (an integer or constant weight cannot train).
/// </summary>
public static class PruneTargets
{
    private static readonly string[] Ops = ["Conv", "Gemm", "MatMul"];

    /// <summary>The selected targets in node order; MC3129 for unknown include/exclude names, MC3128 when none is left.</summary>
    public static IReadOnlyList<PruneTarget> Find(OnnxGraph graph, IReadOnlySet<string> trainable, IReadOnlyList<string>? include, IReadOnlyList<string>? exclude)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(trainable);
        var bag = new DiagnosticBag();
        var names = graph.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (list, values) in new[] { ("include", include), ("exclude", exclude) })
        {
            foreach (var missing in (values ?? []).Where(v => !names.Contains(v)))
            {
                bag.Add(TrainingDiagnostics.UnknownNode(list, missing));
            }
        }

        var included = include is { Count: > 0 } ? include.ToHashSet(StringComparer.Ordinal) : null;
        var excluded = (exclude ?? []).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<PruneTarget>();
        foreach (var node in graph.Nodes)
        {
            if (node.Domain is not ("" or "ai.onnx") || !Ops.Contains(node.OpType) || excluded.Contains(node.Name)
                || (included is not null && !included.Contains(node.Name)) || !graph.TryGetInitializer(node.Input(1), out var tensor)
                || !seen.Add(tensor.Name))
            {
                continue;
            }

            if (!trainable.Contains(tensor.Name))
            {
                // Only an explicit include is a request to train this weight; otherwise quantized layers are skipped.
                if (included is not null)
                {
                    bag.Add(TrainingDiagnostics.NotTrainable("prune", tensor.Name, node.DisplayName, tensor.DataType == OnnxDataType.Float
                        ? "is a constant the graph uses as a shape or index, not a weight"
                        : $"is {tensor.DataType} and only float weights train"));
                }

                continue;
            }

            result.Add(new PruneTarget(tensor.Name, node.DisplayName, node.OpType, tensor.ElementCount));
        }

        bag.ThrowIfErrors();
        if (result.Count == 0)
        {
            throw new CompressionException(TrainingDiagnostics.NothingToPrune(
                $"graph '{graph.Name}' has no Conv/Gemm/MatMul node with a float weight initializer" + (included is not null || excluded.Count > 0 ? " among the selected nodes" : string.Empty)));
        }

        return result;
    }
}
