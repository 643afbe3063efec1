using ModelCompress.Onnx.Proto;
using ModelCompress.Torch.Ops;

namespace ModelCompress.Torch.Graph;

/// <summary>
/// A graph compiled once: nodes in topological order with their kernels, which initializers train, and the
/// last step each value is used at (so intermediates can be freed early). Every problem (unsupported op,
/// dangling value) is reported at once.
/// </summary>
internal sealed class GraphPlan
{
    private GraphPlan(long opset, IReadOnlyList<PlannedNode> nodes, IReadOnlySet<string> trainable, IReadOnlyDictionary<string, int> lastUse, IReadOnlySet<string> values)
    {
        Opset = opset;
        Nodes = nodes;
        Trainable = trainable;
        LastUse = lastUse;
        Values = values;
    }

    public long Opset { get; }

    public IReadOnlyList<PlannedNode> Nodes { get; }

    /// <summary>Initializers fed into at least one data slot (not only shape/scale/statistics slots).</summary>
    public IReadOnlySet<string> Trainable { get; }

    /// <summary>Index of the last node reading each value.</summary>
    public IReadOnlyDictionary<string, int> LastUse { get; }

    /// <summary>Every value name in the graph (inputs, initializers, node outputs).</summary>
    public IReadOnlySet<string> Values { get; }

    public static GraphPlan Build(ModelProto model, OpRegistry registry)
    {
        var graph = model.Graph;
        var opset = model.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(1).Max();
        var bag = new DiagnosticBag();
        var available = new HashSet<string>(graph.Input.Select(i => i.Name).Concat(graph.Initializer.Select(i => i.Name)), StringComparer.Ordinal);
        var ordered = TopologicalOrder(graph, available, bag);
        var nodes = new List<PlannedNode>();
        var trainable = new HashSet<string>(StringComparer.Ordinal);
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var proto in ordered)
        {
            var node = new OnnxNode(proto, opset);
            var definition = registry.Resolve(proto.Domain, proto.OpType, opset);
            if (definition is null)
            {
                bag.Add(TorchDiagnostics.UnsupportedOperator(proto.OpType, proto.Domain, node.Name, opset));
                continue;
            }

            for (var i = 0; i < proto.Input.Count; i++)
            {
                var name = proto.Input[i];
                if (initializers.Contains(name) && !definition.ConstantInputs.Contains(i))
                {
                    trainable.Add(name);
                }

                if (name.Length > 0)
                {
                    lastUse[name] = nodes.Count;
                }
            }

            try
            {
                nodes.Add(new PlannedNode(node, definition.Create(node), proto.Input.ToArray(), proto.Output.ToArray()));
            }
            catch (CompressionException e)
            {
                bag.AddRange(e.Diagnostics);
            }
        }

        bag.ThrowIfErrors();
        var values = available.Concat(ordered.SelectMany(n => n.Output)).ToHashSet(StringComparer.Ordinal);
        return new GraphPlan(opset, nodes, trainable, lastUse, values);
    }

    // Kahn's algorithm, taking ready nodes in file order so the same model always runs the same way.
    private static List<NodeProto> TopologicalOrder(GraphProto graph, HashSet<string> available, DiagnosticBag bag)
    {
        var known = new HashSet<string>(available, StringComparer.Ordinal) { string.Empty };
        var pending = graph.Node.ToList();
        var ordered = new List<NodeProto>(pending.Count);
        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(n => n.Input.All(known.Contains));
            if (ready < 0)
            {
                foreach (var node in pending)
                {
                    var missing = node.Input.FirstOrDefault(i => !known.Contains(i) && !pending.Any(p => p.Output.Contains(i)))
                        ?? node.Input.First(i => !known.Contains(i));
                    bag.Add(TorchDiagnostics.UnknownValue(missing, string.IsNullOrEmpty(node.Name) ? node.OpType : node.Name));
                }

                break;
            }

            var next = pending[ready];
            pending.RemoveAt(ready);
            ordered.Add(next);
            known.UnionWith(next.Output);
        }

        return ordered;
    }
}
