using ModelCompress.Onnx.Preparation;

namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Int8 dynamic quantization in standard ONNX ops, the form ONNX Runtime's CPU provider runs without contrib ops:
/// weights are quantized once here (int8, symmetric, per output channel by default); activations are quantized
/// at run time by DynamicQuantizeLinear (uint8, asymmetric, scale from the tensor's own min/max); the product is
/// MatMulInteger (ORT's CPU kernel is u8s8) or ConvInteger (u8u8), then Cast to float and one Mul by
/// activation scale × weight scale restores the float result, plus an Add for the bias. DynamicQuantizeLinear
/// needs opset 11 (MatMulInteger and ConvInteger need 10), so a lower default-domain opset is raised to 11.
/// </summary>
public sealed class DynamicQuantizer
{
    private const long RequiredOpset = 11;

    /// <summary>Creates a quantizer with validated options.</summary>
    public DynamicQuantizer(DynamicQuantizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public DynamicQuantizeOptions Options { get; }

    /// <summary>Quantizes a copy of <paramref name="model"/>; the input is left unchanged.</summary>
    /// <exception cref="CompressionException">MC3053 when no node could be quantized; MC3052 for an unknown node name.</exception>
    public DynamicQuantizeResult Quantize(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var selection = NodeSelection.Create(graph, "quantize", Options.Include, Options.Exclude);
        var rewrite = new QuantizeRewrite(graph, ShapeInference.Infer(result), Options.PerChannel);
        var ops = Options.EffectiveOps;
        var report = new List<QuantizedNode>();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.TopologicalOrder().Where(n => n.Domain is "" or "ai.onnx" && ops.Contains(n.OpType)))
        {
            var nodes = new List<OnnxNode>();
            var reason = selection.Reject(node)
                ?? (node.OpType == "Conv" ? ConvQuantization.Rewrite(rewrite, node, nodes) : MatMulQuantization.Rewrite(rewrite, node, nodes));
            if (reason is null)
            {
                graph.ReplaceNode(node, nodes);
                replaced.UnionWith(node.Inputs.Skip(1).Where(i => i.Length > 0));
            }

            report.Add(new QuantizedNode(node.DisplayName, node.OpType, reason is null, reason));
        }

        if (!report.Any(r => r.Quantized))
        {
            var why = report.Count == 0
                ? $"graph '{graph.Name}' has no {string.Join("/", ops)} node"
                : string.Join("; ", report.Select(r => $"{r.Node}: {r.Reason}"));
            throw new CompressionException(GraphStepDiagnostics.NothingToQuantize(why));
        }

        RemoveUnused(graph, replaced);
        SortNodes(graph);
        var before = model.OpsetVersion();
        // DynamicQuantizeLinear is opset 11: nodes whose form changed on the way (Clip, Pad, Slice) are rewritten.
        if (OpsetUpgrade.Raise(result, RequiredOpset) is { } blocker)
        {
            throw new CompressionException(OpsetUpgradeDiagnostics.NotRaised(before, RequiredOpset, blocker));
        }

        return new DynamicQuantizeResult(result, report, before, result.OpsetVersion());
    }

    // The float weights replaced by their int8 copies would otherwise stay in the file and undo the size gain.
    private static void RemoveUnused(OnnxGraph graph, IEnumerable<string> originals)
    {
        foreach (var name in originals.ToArray())
        {
            if (graph.Consumers(name).Count == 0 && !graph.IsGraphOutput(name))
            {
                graph.RemoveInitializer(name);
            }
        }
    }

    // DynamicQuantizeLinear nodes shared by several consumers sit before the first; sorting makes that safe.
    internal static void SortNodes(OnnxGraph graph)
    {
        var order = graph.TopologicalOrder().Select(n => n.Proto).ToArray();
        graph.Proto.Node.Clear();
        graph.Proto.Node.AddRange(order);
        graph.Invalidate();
    }
}
