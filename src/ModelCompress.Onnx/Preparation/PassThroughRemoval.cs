namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Removes nodes that pass their input through unchanged at inference: <c>Identity</c>, and <c>Dropout</c> when
/// it is not in training mode and its mask is not read. Readers of the removed value read the input instead.
/// Graph output names never change: a pass-through that writes a graph output is removed only when its input
/// comes from a node whose output can take the graph output's name; otherwise it stays.
/// </summary>
public static class PassThroughRemoval
{
    /// <summary>Removes what it can in place; returns how many Identity and Dropout nodes went.</summary>
    public static (int Identities, int Dropouts) Run(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var proto = graph.Proto;
        var pinned = OuterScopeNames.Of(graph);
        var outputs = proto.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var inputs = proto.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var initializers = proto.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);

        // Pass 1: pass-throughs whose output is internal. Their readers are pointed at the input (chains resolved).
        var alias = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var (identities, dropouts) = (0, 0);
        foreach (var node in proto.Node)
        {
            if (Source(node, graph, initializers, pinned) is not { } source || outputs.Contains(node.Output[0]) || pinned.Contains(node.Output[0]))
            {
                continue;
            }

            alias[node.Output[0]] = source;
            removed.Add(node);
            (identities, dropouts) = node.OpType == "Identity" ? (identities + 1, dropouts) : (identities, dropouts + 1);
        }

        if (removed.Count > 0)
        {
            var kept = proto.Node.Where(n => !removed.Contains(n)).ToList();
            foreach (var node in kept)
            {
                for (var i = 0; i < node.Input.Count; i++)
                {
                    node.Input[i] = Resolve(alias, node.Input[i]);
                }
            }

            proto.Node.Clear();
            proto.Node.AddRange(kept);
            graph.Invalidate();
        }

        // Pass 2: pass-throughs that write a graph output. The producer of the input takes the output's name.
        foreach (var node in graph.Nodes.ToList())
        {
            if (Source(node.Proto, graph, initializers, pinned) is not { } source || !outputs.Contains(node.Outputs[0]) || pinned.Contains(source)
                || outputs.Contains(source) || inputs.Contains(source) || graph.Producer(source) is not { } producer)
            {
                continue;
            }

            var output = node.Outputs[0];
            graph.RemoveNode(node);
            producer.SetOutput(producer.Outputs.ToList().IndexOf(source), output);
            graph.ReplaceAllUses(source, output);
            (identities, dropouts) = node.OpType == "Identity" ? (identities + 1, dropouts) : (identities, dropouts + 1);
        }

        return (identities, dropouts);
    }

    // The value a node passes through unchanged, or null when it is not a removable pass-through.
    private static string? Source(NodeProto node, OnnxGraph graph, HashSet<string> initializers, IReadOnlySet<string> pinned)
    {
        if (node.Domain is not ("" or "ai.onnx") || node.Input.Count == 0 || node.Input[0].Length == 0 || node.Output.Count == 0
            || node.Output[0].Length == 0)
        {
            return null;
        }

        return node.OpType switch
        {
            "Identity" when node.Output.Count == 1 => node.Input[0],
            "Dropout" when InferenceMode(node, graph, initializers) && MaskUnused(node, graph, pinned) => node.Input[0],
            _ => null,
        };
    }

    // Opset 12+ takes training_mode as input 2 (absent or a constant false means inference); before opset 7 an
    // is_test attribute of 0 asked for training.
    private static bool InferenceMode(NodeProto node, OnnxGraph graph, HashSet<string> initializers)
    {
        if (node.Attribute.Any(a => a.Name == "is_test" && a.I == 0))
        {
            return false;
        }

        if (node.Input.Count < 3 || node.Input[2].Length == 0)
        {
            return true;
        }

        return initializers.Contains(node.Input[2]) && graph.TryGetInitializer(node.Input[2], out var mode)
            && mode.ElementCount == 1 && mode.DataType == OnnxDataType.Bool && !mode.ToBoolArray()[0];
    }

    private static bool MaskUnused(NodeProto node, OnnxGraph graph, IReadOnlySet<string> pinned) =>
        node.Output.Count < 2 || node.Output[1].Length == 0
        || (graph.Consumers(node.Output[1]).Count == 0 && !graph.IsGraphOutput(node.Output[1]) && !pinned.Contains(node.Output[1]));

    private static string Resolve(Dictionary<string, string> alias, string name)
    {
        var seen = 0;
        while (alias.TryGetValue(name, out var next) && seen++ < alias.Count)
        {
            name = next;
        }

        return name;
    }
}
