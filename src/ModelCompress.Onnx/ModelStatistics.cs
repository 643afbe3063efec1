namespace ModelCompress.Onnx;

/// <summary>
/// What <c>modelcompress inspect</c> prints and reports compare: parameters, sparsity, ops, opsets, signature.
/// Every list is in a stable order (file order for initializers and values, ordinal for ops and opsets).
/// </summary>
public sealed record ModelStatistics(
    long IrVersion,
    string Producer,
    IReadOnlyList<OpCount> Opsets,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs,
    int NodeCount,
    IReadOnlyList<OpCount> OpHistogram,
    IReadOnlyList<InitializerStatistics> Initializers)
{
    /// <summary>Elements of all initializers that are parameters (weights, biases, scales).</summary>
    public long ParameterCount => Initializers.Where(i => i.IsParameter).Sum(i => i.Elements);

    /// <summary>Parameters that are not zero.</summary>
    public long NonZeroParameterCount => Initializers.Where(i => i.IsParameter).Sum(i => i.Elements - i.Zeros);

    /// <summary>Fraction of parameters that are zero.</summary>
    public double Sparsity => ParameterCount == 0 ? 0 : 1.0 - ((double)NonZeroParameterCount / ParameterCount);

    /// <summary>Elements of every initializer, parameters or not.</summary>
    public long InitializerElementCount => Initializers.Sum(i => i.Elements);

    /// <summary>Bytes of every initializer's data.</summary>
    public long InitializerBytes => Initializers.Sum(i => i.Bytes);

    /// <summary>Computes the statistics of a model.</summary>
    public static ModelStatistics Compute(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var histogram = graph.Nodes
            .GroupBy(n => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}", StringComparer.Ordinal)
            .Select(g => new OpCount(g.Key, g.Count()))
            .OrderBy(o => o.OpType, StringComparer.Ordinal)
            .ToArray();
        var opsets = model.Proto.OpsetImport
            .Select(o => new OpCount(o.Domain is "" ? "ai.onnx" : o.Domain, checked((int)o.Version)))
            .OrderBy(o => o.OpType, StringComparer.Ordinal)
            .ToArray();
        var initializers = graph.Initializers.Select(Describe).ToArray();
        return new ModelStatistics(
            model.Proto.IrVersion,
            $"{model.Proto.ProducerName} {model.Proto.ProducerVersion}".Trim(),
            opsets,
            graph.DataInputs,
            graph.Outputs,
            graph.Nodes.Count,
            histogram,
            initializers);
    }

    private static InitializerStatistics Describe(OnnxTensor tensor)
    {
        var isParameter = tensor.DataType.IsFloatingPoint() || tensor.DataType is OnnxDataType.Int8 or OnnxDataType.UInt8;
        var numeric = tensor.DataType.ElementSize() > 0 && tensor.DataType is not (OnnxDataType.Complex64 or OnnxDataType.Complex128
            or OnnxDataType.UInt32 or OnnxDataType.UInt64 or OnnxDataType.Int16 or OnnxDataType.UInt16);
        var zeros = numeric ? tensor.CountZeros() : 0;
        return new InitializerStatistics(tensor.Name, tensor.DataType, tensor.Dims, tensor.ElementCount, zeros, tensor.ByteSize, isParameter);
    }
}
