using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>
/// The rewrite of one MatMul/Gemm into MatMulNBits, with the state shared across nodes: packed weights by
/// (weight, orientation, α), so a weight read by several nodes is stored once, and the float weights replaced.
/// </summary>
internal sealed class MatMulNBitsRewrite(OnnxGraph graph, ShapeInferenceResult types, WeightOnlyOptions options)
{
    private readonly Dictionary<(string Weight, bool TransB, float Alpha), (string Codes, string Scales, string? ZeroPoints, long Bytes)> _packed = [];
    private readonly HashSet<string> _replaced = new(StringComparer.Ordinal);

    /// <summary>Adds the replacement nodes to <paramref name="nodes"/>; returns a skip reason instead when it cannot.</summary>
    public (string? Reason, long FloatBytes, long PackedBytes) Rewrite(OnnxNode node, List<OnnxNode> nodes)
    {
        var gemm = node.OpType == "Gemm";
        if (Reject(node, gemm, out var weight) is { } reason)
        {
            return (reason, 0, 0);
        }

        var beta = gemm ? node.GetFloat("beta", 1f) : 1f;
        string? bias = null;
        if (gemm && node.Input(2).Length > 0 && beta != 0f)
        {
            bias = Bias(node.Input(2), beta);
            if (bias is null)
            {
                return ("Gemm with a computed C and beta != 1 is not supported", 0, 0);
            }
        }

        var transB = gemm && node.GetInt("transB") != 0;
        var alpha = gemm ? node.GetFloat("alpha", 1f) : 1f;
        var k = (int)weight.Dims[transB ? 1 : 0];
        var n = (int)weight.Dims[transB ? 0 : 1];
        var packed = Pack(node.Input(1), weight, transB, alpha, k, n);
        var stem = QuantizeRewrite.Stem(node.DisplayName);
        var inputs = new List<string> { node.Input(0), packed.Codes, packed.Scales };
        if (packed.ZeroPoints is not null)
        {
            inputs.Add(packed.ZeroPoints);
        }

        var output = bias is null ? node.Output(0) : graph.UniqueName($"{stem}_MatMulNBits_output");
        nodes.Add(OnnxNode.Create("MatMulNBits", graph.UniqueName($"{stem}_MatMulNBits"), inputs, [output], "com.microsoft")
            .SetAttribute("K", (long)k).SetAttribute("N", (long)n).SetAttribute("bits", (long)options.Bits)
            .SetAttribute("block_size", (long)options.BlockSize).SetAttribute("accuracy_level", (long)options.AccuracyLevel));
        if (bias is not null)
        {
            nodes.Add(OnnxNode.Create("Add", graph.UniqueName($"{stem}_bias_Add"), [output, bias], [node.Output(0)]));
        }

        _replaced.Add(node.Input(1));
        return (null, weight.ByteSize, packed.Bytes);
    }

    /// <summary>Drops the float weights (initializers or Constant nodes) that no node reads any more.</summary>
    public void RemoveUnusedWeights()
    {
        foreach (var name in _replaced.Where(n => graph.Consumers(n).Count == 0 && !graph.IsGraphOutput(n)))
        {
            if (!graph.RemoveInitializer(name) && graph.Producer(name) is { OpType: "Constant" } constant)
            {
                graph.RemoveNode(constant);
            }
        }
    }

    private string? Reject(OnnxNode node, bool gemm, out OnnxTensor weight)
    {
        weight = null!;
        if (Constant(node.Input(1)) is not { } found)
        {
            return "the weight (input B) is not a constant";
        }

        weight = found;
        if (weight.DataType != OnnxDataType.Float)
        {
            return $"the weight is {weight.DataType.OnnxName()}; MatMulNBits replaces float32 weights";
        }

        if (weight.Dims.Count != 2)
        {
            return $"the weight has rank {weight.Dims.Count}; MatMulNBits takes a 2-D weight";
        }

        if (gemm && node.GetInt("transA") != 0)
        {
            return "Gemm with transA=1 is not supported (MatMulNBits reads A as [..., K])";
        }

        return types[node.Input(0)] switch
        {
            { ElementType: not OnnxDataType.Float } a => $"input A is {a.ElementType.OnnxName()}, not float32",
            { Rank: 1 } => "input A is 1-D; MatMulNBits needs A of rank 2 or more",
            _ => null,
        };
    }

    private (string Codes, string Scales, string? ZeroPoints, long Bytes) Pack(string name, OnnxTensor weight, bool transB, float alpha, int k, int n)
    {
        if (_packed.TryGetValue((name, transB, alpha), out var known))
        {
            return known;
        }

        var values = weight.ToFloatArray();
        var rows = transB ? values : MatMulQuantization.Transpose(values, k, n);
        var packed = BlockQuantizer.Quantize(rows, n, k, options.Bits, options.BlockSize, options.Symmetric);
        var scales = alpha == 1f ? packed.Scales : Array.ConvertAll(packed.Scales, s => s * alpha);
        var stem = QuantizeRewrite.Stem(name);
        var codes = AddInitializer($"{stem}_q{options.Bits}", n2 => OnnxTensor.FromUInt8s(n2, [n, packed.Blocks, packed.BlobSize], packed.Codes));
        var scaleName = AddInitializer($"{stem}_scales", n2 => OnnxTensor.FromFloats(n2, [scales.Length], scales));
        var zeroPoints = packed.ZeroPoints is { } zp ? AddInitializer($"{stem}_zero_points", n2 => OnnxTensor.FromUInt8s(n2, [zp.Length], zp)) : null;
        var entry = (codes, scaleName, zeroPoints, packed.Bytes);
        _packed[(name, transB, alpha)] = entry;
        return entry;
    }

    // β·C as a new initializer; C itself when β is 1; null when C is computed and would need scaling.
    private string? Bias(string c, float beta)
    {
        if (beta == 1f)
        {
            return c;
        }

        if (Constant(c) is not { DataType: OnnxDataType.Float } tensor)
        {
            return null;
        }

        var values = Array.ConvertAll(tensor.ToFloatArray(), v => v * beta);
        return AddInitializer($"{QuantizeRewrite.Stem(c)}_scaled", name => OnnxTensor.FromFloats(name, tensor.Dims, values));
    }

    private OnnxTensor? Constant(string name) =>
        graph.TryGetInitializer(name, out var tensor) ? tensor
        : graph.Producer(name) is { OpType: "Constant" } constant ? constant.GetTensor("value")
        : null;

    private string AddInitializer(string baseName, Func<string, OnnxTensor> create)
    {
        var name = graph.UniqueName(baseName);
        graph.SetInitializer(create(name));
        return name;
    }
}
