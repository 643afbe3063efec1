namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Whether a value goes on, unchanged in what it holds, to a graph output. A rule that cannot follow the channels
/// through a node (a Reshape whose batch entry is not known) names that graph output instead of the node when the
/// node's result is one: a graph output's width is never pruned anyway, and that is the reason the user needs.
/// </summary>
internal static class GraphOutputReach
{
    // Ops that pass their first input on, reshaped or relabelled, without mixing in other channels.
    private static readonly HashSet<string> Carriers = new(StringComparer.Ordinal)
    {
        "Identity", "Cast", "Dropout", "Flatten", "Reshape", "Squeeze", "Unsqueeze",
    };

    /// <summary>The name of the first graph output <paramref name="value"/> reaches, itself or through carrier ops; null when none.</summary>
    public static string? Find(OnnxGraph graph, string value)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([value]);
        while (pending.TryDequeue(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            if (graph.IsGraphOutput(current))
            {
                return current;
            }

            foreach (var user in graph.Consumers(current).Where(u => Carriers.Contains(u.OpType) && u.Input(0) == current))
            {
                pending.Enqueue(user.Output(0));
            }
        }

        return null;
    }
}
