using ModelCompress.Engine.Steps.Graph;

namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>
/// MatMul(A, W) and Gemm(A, B, C) with a constant 2-D float32 weight → com.microsoft.MatMulNBits(A, codes, scales
/// [, zero points]) [→ Add(β·C)]. Gemm's transB picks the stored orientation (MatMulNBits wants [N, K], which is
/// what transB=1 already holds) and α is folded into the scales, which is exact because dequantization is linear.
/// Activations stay float: this pays off where weights dominate (transformer MatMuls, memory-bound batch-1 decoding).
/// </summary>
public sealed class WeightOnlyQuantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>Creates a quantizer with validated options.</summary>
    public WeightOnlyQuantizer(WeightOnlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public WeightOnlyOptions Options { get; }

    /// <summary>Quantizes a copy of <paramref name="model"/>; the input is left unchanged.</summary>
    /// <exception cref="CompressionException">MC3052 unknown node; MC3092 an included node that cannot be rewritten; MC3091 nothing rewritten.</exception>
    public WeightOnlyResult Quantize(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var selection = NodeSelection.Create(graph, "quantize", Options.Include, Options.Exclude);
        var bag = new DiagnosticBag();
        foreach (var name in Options.Include)
        {
            if (graph.FindNode(name) is { OpType: not ("MatMul" or "Gemm") } other)
            {
                bag.Add(LowBitDiagnostics.CannotInclude(name, $"it is a {other.OpType}; weight_only rewrites MatMul and Gemm"));
            }
        }

        var rewrite = new MatMulNBitsRewrite(graph, ShapeInference.Infer(result), Options);
        var report = new List<WeightOnlyNode>();
        foreach (var node in graph.TopologicalOrder().Where(n => n.Domain is "" or "ai.onnx" && n.OpType is "MatMul" or "Gemm"))
        {
            if (selection.Reject(node) is { } rejected)
            {
                report.Add(new WeightOnlyNode(node.DisplayName, node.OpType, false, rejected, 0, 0));
                continue;
            }

            var nodes = new List<OnnxNode>();
            var (reason, floatBytes, packedBytes) = rewrite.Rewrite(node, nodes);
            if (reason is null)
            {
                graph.ReplaceNode(node, nodes);
            }
            else if (Options.Include.Contains(node.Name))
            {
                bag.Add(LowBitDiagnostics.CannotInclude(node.Name, reason));
            }

            report.Add(new WeightOnlyNode(node.DisplayName, node.OpType, reason is null, reason, floatBytes, packedBytes));
        }

        bag.ThrowIfErrors();
        if (!report.Any(r => r.Quantized))
        {
            var why = report.Count == 0
                ? $"graph '{graph.Name}' has no MatMul or Gemm node"
                : string.Join("; ", report.Select(r => $"{r.Node}: {r.Reason}"));
            throw new CompressionException(LowBitDiagnostics.NothingToQuantize(why));
        }

        rewrite.RemoveUnusedWeights();
        if (result.OpsetVersion(MicrosoftDomain) < 1)
        {
            result.SetOpsetVersion(MicrosoftDomain, 1);
        }

        return new WeightOnlyResult(result, report);
    }
}
