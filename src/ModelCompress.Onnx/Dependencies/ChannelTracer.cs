namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// The state the op handlers work on while the graph is walked in topological order: channel layouts of
/// values, the sources (union-find: residual adds tie sources together), the slices and rewrites found so
/// far, and why a source is blocked.
/// </summary>
public sealed class ChannelTracer
{
    private readonly Dictionary<string, ChannelLayout> _layouts = new(StringComparer.Ordinal);
    private readonly List<int> _parent = [];
    private readonly List<(OnnxNode Node, long Channels)> _sources = [];
    private readonly List<long> _partitions = [];
    private readonly Dictionary<int, string> _blocked = [];
    private readonly List<ChannelSlice> _slices = [];
    private readonly List<ChannelRewrite> _rewrites = [];
    private readonly List<Action> _atEnd = [];

    internal ChannelTracer(OnnxModel model, ShapeInferenceResult shapes)
    {
        Model = model;
        Shapes = shapes;
    }

    /// <summary>The model being traced.</summary>
    public OnnxModel Model { get; }

    /// <summary>The graph being traced.</summary>
    public OnnxGraph Graph => Model.Graph;

    /// <summary>Inferred types of values.</summary>
    public ShapeInferenceResult Shapes { get; }

    internal IReadOnlyList<ChannelSlice> Slices => _slices;

    internal IReadOnlyList<ChannelRewrite> Rewrites => _rewrites;

    internal int SourceCount => _sources.Count;

    /// <summary>The layout of <paramref name="value"/>, or null when it carries no prunable channels.</summary>
    public ChannelLayout? Layout(string value) => value.Length > 0 ? _layouts.GetValueOrDefault(value) : null;

    /// <summary>Records that <paramref name="value"/> carries <paramref name="layout"/> (only when something in it is prunable).</summary>
    public void SetLayout(string value, ChannelLayout layout)
    {
        if (value.Length > 0 && layout.HasPrunable)
        {
            _layouts[value] = layout;
        }
    }

    /// <summary>The known dims of a value (null when the rank is unknown; unknown dims are null entries).</summary>
    public long?[]? Dims(string value)
    {
        if (Graph.TryGetInitializer(value, out var tensor))
        {
            return tensor.Dims.Select(d => (long?)d).ToArray();
        }

        return Shapes[value]?.Dims?.Select(d => d.Value).ToArray();
    }

    /// <summary>A new source: <paramref name="channels"/> output channels of <paramref name="node"/>.</summary>
    public int NewSource(OnnxNode node, long channels)
    {
        _sources.Add((node, channels));
        _partitions.Add(1);
        _parent.Add(_parent.Count);
        return _parent.Count - 1;
    }

    /// <summary>
    /// Asks that the kept channels of <paramref name="source"/> be spread evenly over <paramref name="parts"/> equal
    /// consecutive runs (a grouped Conv's groups must stay equal); several asks combine to their least common multiple.
    /// </summary>
    public void RequirePartitions(int source, long parts)
    {
        var current = _partitions[source];
        _partitions[source] = checked(current / Gcd(current, parts) * parts);
    }

    /// <summary>
    /// Adds the slice of a grouped Conv's weight that reads <paramref name="layout"/>'s channels on axis 1, group by
    /// group (<see cref="ChannelSlice.Groups"/>); the layout must be one prunable source filling the axis.
    /// </summary>
    public void SliceGrouped(string weight, long groups, ChannelLayout layout, OnnxNode node)
    {
        if (CannotSlice(weight, 1, layout.Length / groups, node) is { } reason)
        {
            Block(layout, reason);
            return;
        }

        var source = layout.Segments[0].Source;
        RequirePartitions(source, groups);
        _slices.Add(new ChannelSlice(weight, 1, source, 0, 1, SliceRole.InputWeight, node.DisplayName, groups));
    }

    /// <summary>
    /// Adds the slices of initializer <paramref name="tensor"/> along <paramref name="axis"/> for every prunable
    /// segment of <paramref name="layout"/>; blocks the layout when the tensor cannot be sliced.
    /// </summary>
    public void Slice(string tensor, int axis, ChannelLayout layout, SliceRole role, OnnxNode node)
    {
        if (CannotSlice(tensor, axis, layout.Length, node) is { } reason)
        {
            Block(layout, reason);
            return;
        }

        long offset = 0;
        foreach (var segment in layout.Segments)
        {
            if (segment.IsPrunable)
            {
                _slices.Add(new ChannelSlice(tensor, axis, segment.Source, offset, layout.Block, role, node.DisplayName));
            }

            offset += segment.Count;
        }
    }

    /// <summary>True when <paramref name="tensor"/> is an initializer this node alone reads.</summary>
    public bool IsOwnInitializer(string tensor) =>
        IsConstant(tensor) && Graph.Consumers(tensor).Count == 1;

    /// <summary>True when <paramref name="tensor"/> is an initializer that is not also a graph input (which a caller could override).</summary>
    public bool IsConstant(string tensor) =>
        tensor.Length > 0 && Graph.IsInitializer(tensor) && !Graph.Inputs.Any(i => i.Name == tensor);

    /// <summary>Blocks every prunable source in <paramref name="layout"/>.</summary>
    public void Block(ChannelLayout layout, string reason)
    {
        foreach (var segment in layout.Segments.Where(s => s.IsPrunable))
        {
            Block(segment.Source, reason);
        }
    }

    /// <summary>Blocks every prunable source in each of <paramref name="layouts"/>.</summary>
    public void Block(IEnumerable<ChannelLayout> layouts, string reason)
    {
        foreach (var layout in layouts)
        {
            Block(layout, reason);
        }
    }

    /// <summary>Blocks the channels of every input of <paramref name="node"/> after input 0 (parameters must not carry channels).</summary>
    public void BlockParameterInputs(OnnxNode node) =>
        Block(node.Inputs.Skip(1).Select(Layout).OfType<ChannelLayout>(), $"{node.OpType} '{node.DisplayName}' reads them as a parameter");

    /// <summary>Blocks a source (the first reason is kept).</summary>
    public void Block(int source, string reason) => _blocked.TryAdd(source, reason);

    /// <summary>Blocks whatever channels the inputs of <paramref name="node"/> carry.</summary>
    public void BlockInputs(OnnxNode node, string reason)
    {
        foreach (var layout in node.Inputs.Select(Layout).OfType<ChannelLayout>())
        {
            Block(layout, reason);
        }
    }

    /// <summary>Runs <paramref name="check"/> once every node is traced (for rules that depend on what comes later).</summary>
    public void AtEnd(Action check) => _atEnd.Add(check);

    internal void RunAtEnd() => _atEnd.ForEach(check => check());

    /// <summary>Records a rewrite of an attribute or shape constant.</summary>
    public void Rewrite(ChannelRewrite rewrite) => _rewrites.Add(rewrite);

    /// <summary>
    /// Ties two layouts whose channels are combined element by element (a residual Add): segment by segment,
    /// their sources become one group. False (nothing tied) when the segments do not line up.
    /// </summary>
    public bool Unite(ChannelLayout a, ChannelLayout b)
    {
        if (a.Block != b.Block || a.Segments.Count != b.Segments.Count ||
            a.Segments.Zip(b.Segments).Any(p => p.First.Count != p.Second.Count))
        {
            return false;
        }

        foreach (var (x, y) in a.Segments.Zip(b.Segments))
        {
            if (x.IsPrunable && y.IsPrunable)
            {
                _parent[Find(x.Source)] = Find(y.Source);
            }
            else if (x.IsPrunable || y.IsPrunable)
            {
                Block(x.IsPrunable ? x.Source : y.Source, "its channels are combined element-wise with channels that cannot be pruned");
            }
        }

        return true;
    }

    internal int Find(int source)
    {
        while (_parent[source] != source)
        {
            _parent[source] = _parent[_parent[source]];
            source = _parent[source];
        }

        return source;
    }

    internal (OnnxNode Node, long Channels) Source(int id) => _sources[id];

    internal long Partitions(int source) => _partitions[source];

    internal static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    internal string? BlockReason(int source) => _blocked.GetValueOrDefault(source);

    private string? CannotSlice(string tensor, int axis, long length, OnnxNode node)
    {
        if (!IsOwnInitializer(tensor))
        {
            return tensor.Length > 0 && Graph.IsInitializer(tensor)
                ? $"initializer '{tensor}' of node '{node.DisplayName}' is shared with other nodes or is a graph input"
                : $"input '{tensor}' of node '{node.DisplayName}' ({node.OpType}) is not an initializer";
        }

        Graph.TryGetInitializer(tensor, out var t);
        if (t!.DataType is not (OnnxDataType.Float or OnnxDataType.Double or OnnxDataType.Float16))
        {
            return $"initializer '{tensor}' of node '{node.DisplayName}' is {t.DataType.OnnxName()}, not a float tensor";
        }

        return axis < t.Dims.Count && t.Dims[axis] == length
            ? null
            : $"initializer '{tensor}' of node '{node.DisplayName}' has shape [{string.Join(",", t.Dims)}], not {length} on axis {axis}";
    }
}
