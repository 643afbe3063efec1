namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// The part of a graph computed from initializers alone, cut out as a model of its own: no inputs, the initializers
/// it reads, its nodes in order, and as outputs the values the rest of the graph reads. Whoever runs that model
/// (ONNX Runtime, in the Engine) hands the values back to <see cref="Apply"/>, which swaps the nodes for initializers.
/// </summary>
/// <remarks>
/// A node is left out when it may not be deterministic (Random*, Multinomial, Bernoulli, Dropout), has a body (If, Loop, Scan),
/// is outside the default domain, writes a graph output, dequantizes (a QDQ model keeps its int8 weights), or when
/// its outputs would be larger than <see cref="ConstantFoldingLimits.MaxGrowthBytes"/> beyond its inputs or of
/// unknown size: so a <c>ConstantOfShape</c> of a huge shape is never computed.
/// </remarks>
public sealed class ConstantSubgraph
{
    private static readonly HashSet<string> NeverFolded = new(StringComparer.Ordinal)
    {
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
        "If", "Loop", "Scan", "Constant", "DequantizeLinear", "DynamicQuantizeLinear", "Dropout",
    };

    private ConstantSubgraph(IReadOnlyList<OnnxNode> nodes, IReadOnlyList<string> outputs, IReadOnlyList<string> skipped, ModelProto model)
    {
        Nodes = nodes;
        Outputs = outputs;
        Skipped = skipped;
        Model = model;
    }

    /// <summary>The nodes that fold, in topological order.</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The values the rest of the graph reads from them: the outputs of <see cref="Model"/>.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Nodes with constant inputs that were left out because of the size limit, with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The cut-out model (same opsets and IR version as the source).</summary>
    public ModelProto Model { get; }

    /// <summary>The constant part of <paramref name="model"/> (no nodes when nothing folds).</summary>
    public static ConstantSubgraph Find(OnnxModel model, IReadOnlyDictionary<string, OnnxTensorType> types, ConstantFoldingLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(types);
        limits ??= ConstantFoldingLimits.Default;
        var graph = model.Graph;
        var constant = graph.Initializers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var excluded = limits.Excluded;
        var nodes = new List<OnnxNode>();
        var skipped = new List<string>();
        foreach (var node in graph.TopologicalOrder())
        {
            if (!Eligible(graph, node, constant, excluded))
            {
                continue;
            }

            if (GrowthProblem(graph, node, types, limits) is { } problem)
            {
                skipped.Add($"{node.DisplayName} ({node.OpType}): {problem}");
                continue;
            }

            nodes.Add(node);
            constant.UnionWith(node.Outputs.Where(o => o.Length > 0));
        }

        var folded = new HashSet<NodeProto>(nodes.Select(n => n.Proto), ReferenceEqualityComparer.Instance);
        var produced = nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal);
        var pinned = OuterScopeNames.Of(graph);
        var outputs = nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0)
            .Where(o => pinned.Contains(o) || graph.Consumers(o).Any(c => !folded.Contains(c.Proto)))
            .Distinct(StringComparer.Ordinal).ToList();
        var read = nodes.SelectMany(n => n.Inputs).Where(i => i.Length > 0 && !produced.Contains(i)).ToHashSet(StringComparer.Ordinal);
        return new ConstantSubgraph(nodes, outputs, skipped, Cut(model, nodes, read, outputs));
    }

    /// <summary>
    /// Replaces the folded nodes by initializers holding <paramref name="values"/> (one per <see cref="Outputs"/>
    /// entry, same names), placed after the existing initializers in output order.
    /// </summary>
    public void Apply(OnnxModel model, IReadOnlyList<OnnxTensor> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Outputs.Count)
        {
            throw new ArgumentException($"{Outputs.Count} values expected, {values.Count} given.", nameof(values));
        }

        var graph = model.Graph;
        var folded = new HashSet<NodeProto>(Nodes.Select(n => n.Proto), ReferenceEqualityComparer.Instance);
        var kept = graph.Proto.Node.Where(n => !folded.Contains(n)).ToList();
        graph.Proto.Node.Clear();
        graph.Proto.Node.AddRange(kept);
        for (var i = 0; i < values.Count; i++)
        {
            var tensor = values[i].ToProto();
            tensor.Name = Outputs[i];
            graph.Proto.Initializer.Add(tensor);
        }

        graph.Invalidate();
        LegacyInitializerInputs.Declare(model);
    }

    private static bool Eligible(OnnxGraph graph, OnnxNode node, HashSet<string> constant, IReadOnlySet<string> excluded) =>
        node.Domain is "" or "ai.onnx" && !NeverFolded.Contains(node.OpType) && !excluded.Contains(node.OpType)
        && !OuterScopeNames.HasSubgraph(node) && node.Inputs.Any(i => i.Length > 0)
        && node.Inputs.All(i => i.Length == 0 || constant.Contains(i))
        && node.Outputs.All(o => !graph.IsGraphOutput(o));

    // Output bytes must be known, and may exceed the input bytes by at most the limit.
    private static string? GrowthProblem(OnnxGraph graph, OnnxNode node, IReadOnlyDictionary<string, OnnxTensorType> types, ConstantFoldingLimits limits)
    {
        long inputBytes = 0;
        foreach (var input in node.Inputs.Where(i => i.Length > 0).Distinct(StringComparer.Ordinal))
        {
            inputBytes += Bytes(types.GetValueOrDefault(input)) ?? (graph.TryGetInitializer(input, out var t) ? t.ByteSize : 0);
        }

        long outputBytes = 0;
        foreach (var output in node.Outputs.Where(o => o.Length > 0))
        {
            if (Bytes(types.GetValueOrDefault(output)) is not { } bytes)
            {
                return "output size unknown";
            }

            outputBytes += bytes;
        }

        return outputBytes - inputBytes > limits.MaxGrowthBytes
            ? $"would grow the model by {outputBytes - inputBytes} bytes (limit {limits.MaxGrowthBytes})"
            : null;
    }

    private static long? Bytes(OnnxTensorType? type)
    {
        if (type is not { IsFullyKnown: true } || type.ElementType.ElementSize() is var size && size <= 0)
        {
            return null;
        }

        try
        {
            return checked(OnnxTensor.Product(type.Dims!.Select(d => d.Value!.Value).ToArray()) * size);
        }
        catch (OverflowException)
        {
            return long.MaxValue / 2;
        }
    }

    private static ModelProto Cut(OnnxModel model, IReadOnlyList<OnnxNode> nodes, HashSet<string> read, IReadOnlyList<string> outputs)
    {
        var source = model.Proto;
        var graph = new GraphProto { Name = "constant_subgraph" };
        graph.Initializer.AddRange(source.Graph.Initializer.Where(t => read.Contains(t.Name)));
        graph.Node.AddRange(nodes.Select(n => n.Proto));
        graph.Output.AddRange(outputs.Select(o => new ValueInfoProto { Name = o }));
        var cut = new ModelProto { IrVersion = Math.Max(source.IrVersion, 4), Graph = graph, ProducerName = "modelcompress-fold" };
        cut.OpsetImport.AddRange(source.OpsetImport);
        return cut;
    }
}
