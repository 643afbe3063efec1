namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// The channel dependency graph of a model (DepGraph on ONNX): every group of channels that must be pruned
/// together, with the initializer slices and the attribute/shape rewrites that pruning them needs. Built by
/// walking the graph once in topological order with the rule of each op type (<see cref="ChannelOpHandlers"/>).
/// Graph outputs (e.g. a classifier's logits) are never pruned.
/// </summary>
public sealed class ChannelDependencies
{
    private readonly ChannelTracer _tracer;

    private ChannelDependencies(OnnxModel model, ChannelTracer tracer, IReadOnlyList<ChannelGroup> groups)
    {
        Model = model;
        _tracer = tracer;
        Groups = groups;
    }

    /// <summary>The model the groups refer to; <see cref="Prune"/> edits it in place.</summary>
    public OnnxModel Model { get; }

    /// <summary>Every group, prunable or blocked, in graph order of their first producer.</summary>
    public IReadOnlyList<ChannelGroup> Groups { get; }

    /// <summary>The rewrites of attributes and shape constants that follow the channel counts.</summary>
    public IReadOnlyList<ChannelRewrite> Rewrites => _tracer.Rewrites;

    /// <summary>Traces <paramref name="model"/> (not changed) and groups its channels.</summary>
    public static ChannelDependencies Build(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tracer = new ChannelTracer(model, ShapeInference.Infer(model));
        var graph = model.Graph;
        foreach (var node in graph.TopologicalOrder())
        {
            if (node.Domain is "" or "ai.onnx" && ChannelOpHandlers.All.TryGetValue(node.OpType, out var handler))
            {
                handler.Trace(node, tracer);
            }
            else
            {
                tracer.BlockInputs(node, $"node '{node.DisplayName}' ({(node.Domain.Length > 0 ? node.Domain + "." : string.Empty)}{node.OpType}) has no channel rule");
            }
        }

        tracer.RunAtEnd();
        var atOutputs = new HashSet<int>();
        foreach (var output in graph.Outputs)
        {
            if (tracer.Layout(output.Name) is { } layout)
            {
                tracer.Block(layout, $"they reach the graph output '{output.Name}', whose width is never pruned");
                atOutputs.UnionWith(layout.Segments.Where(s => s.IsPrunable).Select(s => tracer.Find(s.Source)));
            }
        }

        return new ChannelDependencies(model, tracer, Group(tracer, atOutputs));
    }

    /// <summary>
    /// Removes channels in place: for each group in <paramref name="keep"/>, only the listed channel indices
    /// (sorted, distinct, within the group) remain in every slice; attributes and shape constants follow, and
    /// the recorded value shapes are inferred again.
    /// </summary>
    public void Prune(IReadOnlyDictionary<ChannelGroup, int[]> keep) => ChannelRemover.Remove(this, keep);

    private static List<ChannelGroup> Group(ChannelTracer tracer, HashSet<int> atOutputs)
    {
        var roots = Enumerable.Range(0, tracer.SourceCount).GroupBy(tracer.Find).ToList();
        var groups = new List<ChannelGroup>();
        foreach (var members in roots)
        {
            var sources = members.Order().ToList();
            var set = sources.ToHashSet();
            var slices = tracer.Slices.Where(s => set.Contains(s.Source)).ToList();
            var channels = tracer.Source(sources[0]).Channels;
            var reason = sources.Select(tracer.BlockReason).FirstOrDefault(r => r is not null);
            if (reason is null && sources.Any(s => tracer.Source(s).Channels != channels))
            {
                reason = "its sources have different channel counts";
            }

            var partitions = sources.Select(tracer.Partitions).Aggregate(1L, (a, b) => checked(a / ChannelTracer.Gcd(a, b) * b));
            if (reason is null && channels % partitions != 0)
            {
                reason = $"grouped convolutions need its {channels} channels in {partitions} equal parts";
            }

            var producers = sources.Select(s => tracer.Source(s).Node.DisplayName).ToList();
            groups.Add(new ChannelGroup(groups.Count, sources, producers, channels, slices, reason, atOutputs.Contains(members.Key), partitions));
        }

        return groups;
    }
}
