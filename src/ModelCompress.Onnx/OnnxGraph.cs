namespace ModelCompress.Onnx;

/// <summary>
/// A graph over its <see cref="GraphProto"/>: nodes, values, initializers by name, who produces and who consumes
/// each value. Lookups are indexed once and the index is rebuilt after any edit made through this class or
/// <see cref="OnnxNode"/>; after editing <see cref="Proto"/> directly, call <see cref="Invalidate"/>.
/// </summary>
public sealed partial class OnnxGraph
{
    private Index? _index;

    /// <summary>Wraps a graph message (not copied).</summary>
    public OnnxGraph(GraphProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The underlying message.</summary>
    public GraphProto Proto { get; }

    /// <summary>The graph's name.</summary>
    public string Name => Proto.Name;

    /// <summary>The nodes in file order.</summary>
    public IReadOnlyList<OnnxNode> Nodes => Current.Nodes;

    /// <summary>Declared graph inputs, initializers included where the file lists them as inputs.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs => Proto.Input.Select(OnnxValueInfo.From).ToArray();

    /// <summary>The inputs a caller must feed: graph inputs that are not initializers.</summary>
    public IReadOnlyList<OnnxValueInfo> DataInputs =>
        Proto.Input.Where(i => !Current.Initializers.ContainsKey(i.Name)).Select(OnnxValueInfo.From).ToArray();

    /// <summary>Declared graph outputs.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs => Proto.Output.Select(OnnxValueInfo.From).ToArray();

    /// <summary>Intermediate value infos (shapes recorded in the file or by shape inference).</summary>
    public IReadOnlyList<OnnxValueInfo> ValueInfos => Proto.ValueInfo.Select(OnnxValueInfo.From).ToArray();

    /// <summary>Initializers in file order.</summary>
    public IReadOnlyList<OnnxTensor> Initializers => Current.InitializerList;

    /// <summary>Every value name: graph inputs, initializers and node outputs.</summary>
    public IReadOnlyCollection<string> ValueNames => Current.Values;

    /// <summary>True when <paramref name="name"/> is an initializer.</summary>
    public bool IsInitializer(string name) => Current.Initializers.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is a graph output.</summary>
    public bool IsGraphOutput(string name) => Proto.Output.Any(o => o.Name == name);

    /// <summary>Finds an initializer by name.</summary>
    public bool TryGetInitializer(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OnnxTensor? tensor) =>
        Current.Initializers.TryGetValue(name, out tensor);

    /// <summary>The node that produces <paramref name="value"/>, or null (graph input, initializer, unknown).</summary>
    public OnnxNode? Producer(string value) => Current.Producers.GetValueOrDefault(value);

    /// <summary>The nodes that read <paramref name="value"/>, in file order (a node appears once per use).</summary>
    public IReadOnlyList<OnnxNode> Consumers(string value) =>
        Current.Consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>Finds a node by name.</summary>
    public OnnxNode? FindNode(string name) => Current.Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>Drops the cached index; needed only after editing <see cref="Proto"/> directly.</summary>
    public void Invalidate()
    {
        if (_index is { } index)
        {
            foreach (var node in index.Nodes)
            {
                node.Attach(null);
            }
        }

        _index = null;
    }

    private Index Current => _index ??= Build();

    private Index Build()
    {
        var nodes = new List<OnnxNode>(Proto.Node.Count);
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<OnnxNode>>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var proto in Proto.Node)
        {
            var node = new OnnxNode(proto);
            node.Attach(this);
            nodes.Add(node);
            foreach (var output in proto.Output.Where(o => o.Length > 0))
            {
                producers.TryAdd(output, node);
                values.Add(output);
            }

            foreach (var input in proto.Input.Where(i => i.Length > 0))
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }
        }

        var initializerList = Proto.Initializer.Select(OnnxTensor.Wrap).ToArray();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var t in initializerList)
        {
            initializers.TryAdd(t.Name, t);
            values.Add(t.Name);
        }

        values.UnionWith(Proto.Input.Select(i => i.Name));
        return new Index(nodes, producers, consumers, initializerList, initializers, values);
    }

    private sealed record Index(
        List<OnnxNode> Nodes,
        Dictionary<string, OnnxNode> Producers,
        Dictionary<string, List<OnnxNode>> Consumers,
        OnnxTensor[] InitializerList,
        Dictionary<string, OnnxTensor> Initializers,
        HashSet<string> Values);
}
