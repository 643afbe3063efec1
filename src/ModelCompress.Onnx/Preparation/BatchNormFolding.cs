namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Folds an inference-mode <c>BatchNormalization</c> into the node before it when that node's output feeds the BN
/// alone: Conv (per output channel), Gemm (per output column) and a rank-2 MatMul with or without its bias Add.
/// With s = scale / sqrt(var + eps): W' = W·s per channel and b' = (b − mean)·s + bias. The BN's output name is
/// kept. Weights shared with other nodes are copied under a new name rather than changed under them.
/// </summary>
public static class BatchNormFolding
{
    /// <summary>Folds what it can in place; returns how many BatchNormalization nodes went.</summary>
    /// <param name="model">The model to change.</param>
    /// <param name="types">Value types (ranks decide whether a MatMul's channels are the BN's); null reads them from the model.</param>
    public static int Run(OnnxModel model, IReadOnlyDictionary<string, OnnxTensorType>? types = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        types ??= DeclaredTypes.Of(model);
        var pinned = OuterScopeNames.Of(graph);
        var folded = 0;
        foreach (var bn in graph.Nodes.Where(n => n.OpType == "BatchNormalization" && n.Domain is "" or "ai.onnx").ToList())
        {
            if (Affine.Of(graph, bn) is not { } affine || graph.Producer(bn.Input(0)) is not { } producer
                || !SoleReader(graph, bn.Input(0), bn, pinned))
            {
                continue;
            }

            var done = producer.OpType switch
            {
                "Conv" when producer.Domain is "" or "ai.onnx" => FoldIntoConv(graph, producer, bn, affine, pinned),
                "Gemm" when producer.Domain is "" or "ai.onnx" => FoldIntoGemm(graph, producer, bn, affine, pinned),
                "MatMul" when producer.Domain is "" or "ai.onnx" => FoldIntoMatMul(graph, producer, null, bn, affine, pinned, types),
                "Add" when producer.Domain is "" or "ai.onnx" => FoldIntoMatMulAdd(graph, producer, bn, affine, pinned, types),
                _ => false,
            };
            folded += done ? 1 : 0;
        }

        LegacyInitializerInputs.Declare(model);
        return folded;
    }

    private static bool FoldIntoConv(OnnxGraph graph, OnnxNode conv, OnnxNode bn, Affine affine, IReadOnlySet<string> pinned)
    {
        if (!FloatInitializer(graph, conv.Input(1), out var weight) || weight.Dims.Count < 3 || weight.Dims[0] != affine.Channels)
        {
            return false;
        }

        var bias = conv.Input(2).Length == 0 ? null : FloatInitializer(graph, conv.Input(2), out var b) && b.ElementCount == affine.Channels ? b : null;
        if (conv.Input(2).Length > 0 && bias is null)
        {
            return false;
        }

        var perChannel = weight.ElementCount / affine.Channels;
        var w = weight.ToFloatArray();
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = (float)(w[i] * affine.Scale[i / perChannel]);
        }

        conv.SetInput(1, Write(graph, conv, weight.Name, weight.Dims, w, pinned));
        conv.SetInput(2, Write(graph, conv, conv.Input(2).Length > 0 ? conv.Input(2) : null, [affine.Channels], affine.Shift(bias?.ToFloatArray(), 1), pinned));
        Splice(graph, conv, bn);
        return true;
    }

    private static bool FoldIntoGemm(OnnxGraph graph, OnnxNode gemm, OnnxNode bn, Affine affine, IReadOnlySet<string> pinned)
    {
        var transB = gemm.GetInt("transB") != 0;
        if (!FloatInitializer(graph, gemm.Input(1), out var weight) || weight.Dims.Count != 2 || weight.Dims[transB ? 0 : 1] != affine.Channels
            || !BiasLike(graph, gemm.Input(2), affine.Channels, out var c))
        {
            return false;
        }

        var w = weight.ToFloatArray();
        var columns = (int)weight.Dims[1];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = (float)(w[i] * affine.Scale[transB ? i / columns : i % columns]);
        }

        var beta = gemm.GetFloat("beta", 1f);
        gemm.SetInput(1, Write(graph, gemm, weight.Name, weight.Dims, w, pinned));
        gemm.SetInput(2, Write(graph, gemm, gemm.Input(2).Length > 0 ? gemm.Input(2) : null, [affine.Channels], affine.Shift(c, beta), pinned));
        gemm.SetAttribute("beta", 1f);
        Splice(graph, gemm, bn);
        return true;
    }

    private static bool FoldIntoMatMulAdd(
        OnnxGraph graph, OnnxNode add, OnnxNode bn, Affine affine, IReadOnlySet<string> pinned, IReadOnlyDictionary<string, OnnxTensorType> types)
    {
        // MatMul output + constant bias, in either input order.
        for (var side = 0; side < 2; side++)
        {
            if (graph.Producer(add.Input(side)) is { OpType: "MatMul", Domain: "" or "ai.onnx" } matmul
                && SoleReader(graph, add.Input(side), add, pinned) && graph.IsInitializer(add.Input(1 - side)))
            {
                return FoldIntoMatMul(graph, matmul, add, bn, affine, pinned, types, 1 - side);
            }
        }

        return false;
    }

    private static bool FoldIntoMatMul(
        OnnxGraph graph, OnnxNode matmul, OnnxNode? add, OnnxNode bn, Affine affine, IReadOnlySet<string> pinned,
        IReadOnlyDictionary<string, OnnxTensorType> types, int biasSide = 1)
    {
        // BN normalizes axis 1; that is the MatMul's output column axis only when the product is rank 2.
        if (types.GetValueOrDefault(matmul.Input(0))?.Rank != 2 || !FloatInitializer(graph, matmul.Input(1), out var weight)
            || weight.Dims.Count != 2 || weight.Dims[1] != affine.Channels)
        {
            return false;
        }

        float[]? bias = null;
        if (add is not null && !BiasLike(graph, add.Input(biasSide), affine.Channels, out bias))
        {
            return false;
        }

        var w = weight.ToFloatArray();
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = (float)(w[i] * affine.Scale[i % affine.Channels]);
        }

        matmul.SetInput(1, Write(graph, matmul, weight.Name, weight.Dims, w, pinned));
        var shift = affine.Shift(bias, 1);
        if (add is null)
        {
            var name = Write(graph, matmul, null, [affine.Channels], shift, pinned);
            var node = OnnxNode.Create("Add", graph.UniqueName(bn.Name.Length > 0 ? bn.Name + "_bias" : "bn_bias"), [matmul.Outputs[0], name], [bn.Outputs[0]]);
            graph.ReplaceNode(bn, [node]);
            return true;
        }

        add.SetInput(biasSide, Write(graph, add, add.Input(biasSide), [affine.Channels], shift, pinned));
        Splice(graph, add, bn);
        return true;
    }

    // The producer takes over the BN's output name, and the BN goes.
    private static void Splice(OnnxGraph graph, OnnxNode producer, OnnxNode bn)
    {
        var output = bn.Outputs[0];
        graph.RemoveNode(bn);
        producer.SetOutput(0, output);
    }

    // Replaces an initializer read only by this node; otherwise writes a new one. Returns the name to read.
    private static string Write(OnnxGraph graph, OnnxNode reader, string? name, IReadOnlyList<long> dims, float[] values, IReadOnlySet<string> pinned)
    {
        var own = name is not null && graph.Consumers(name).Count == 1 && !graph.IsGraphOutput(name) && !pinned.Contains(name);
        var target = own ? name! : graph.UniqueName((name ?? reader.Outputs[0] + "_bias") + (name is null ? string.Empty : "_bn"));
        graph.SetInitializer(OnnxTensor.FromFloats(target, dims, values));
        return target;
    }

    private static bool SoleReader(OnnxGraph graph, string value, OnnxNode reader, IReadOnlySet<string> pinned) =>
        graph.Consumers(value) is [var only] && ReferenceEquals(only.Proto, reader.Proto) && !graph.IsGraphOutput(value) && !pinned.Contains(value);

    private static bool FloatInitializer(OnnxGraph graph, string name, out OnnxTensor tensor)
    {
        tensor = null!;
        return name.Length > 0 && graph.TryGetInitializer(name, out tensor!) && tensor.DataType == OnnxDataType.Float;
    }

    // A bias that broadcasts along the channel axis only: absent, one value, [C] or [1, C].
    private static bool BiasLike(OnnxGraph graph, string name, long channels, out float[]? values)
    {
        values = null;
        if (name.Length == 0)
        {
            return true;
        }

        if (!FloatInitializer(graph, name, out var tensor) || tensor.Dims.Count > 2 || (tensor.Dims.Count == 2 && tensor.Dims[0] != 1)
            || (tensor.ElementCount != 1 && tensor.ElementCount != channels))
        {
            return false;
        }

        var raw = tensor.ToFloatArray();
        values = raw.Length == channels ? raw : Enumerable.Repeat(raw[0], (int)channels).ToArray();
        return true;
    }
}
