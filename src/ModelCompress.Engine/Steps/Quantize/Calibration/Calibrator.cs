using ModelCompress.Onnx.Preparation;

namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>Streams calibration rows through the float model and returns a range per activation static quantization may need.</summary>
public static class Calibrator
{
    /// <summary>
    /// Ranges for every float activation read or written by a node that has a quantization handler (and the float
    /// graph inputs). Tensors where no finite value was seen get no range.
    /// </summary>
    public static IReadOnlyDictionary<string, TensorRange> Run(
        OnnxModel model, IReadOnlyDictionary<string, NdArray> inputs, CalibrationOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var rows = inputs.Values.Select(a => a.Rows).DefaultIfEmpty(0).Min();
        rows = options.Samples is { } n ? Math.Min(n, rows) : rows;
        var statistics = Tensors(model).ToDictionary(t => t, _ => options.NewStatistics(), StringComparer.Ordinal);
        ActivationCollector.Collect(model, statistics, inputs, rows, cancellation);
        // Thresholds are searched per tensor (entropy's KL search is the costly one), in parallel: each is a pure function.
        var found = statistics.AsParallel().Select(p => (Name: p.Key, Range: p.Value.Range())).ToList();
        var ranges = new SortedDictionary<string, TensorRange>(StringComparer.Ordinal);
        foreach (var (name, range) in found)
        {
            if (range is { } r)
            {
                ranges[name] = r;
            }
        }

        return ranges;
    }

    /// <summary>The activations to observe: float values around nodes that have a handler, and float graph inputs.</summary>
    public static IReadOnlyList<string> Tensors(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var types = ShapeInference.Infer(model);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.Domain is "" or "ai.onnx" && QuantizeHandlers.For(n.OpType) is not null))
        {
            names.UnionWith(node.Inputs.Concat(node.Outputs).Where(v => v.Length > 0 && !graph.IsInitializer(v)));
        }

        names.UnionWith(graph.DataInputs.Select(i => i.Name));
        // Past an op the static inference has no rule for (Pad, Slice, ...), the types the file declares (ORT's,
        // written by graph preparation) still tell float from int: else nothing after it would be calibrated.
        var declared = DeclaredTypes.Of(model);
        return names.Where(n => (types[n] ?? declared.GetValueOrDefault(n))?.ElementType == OnnxDataType.Float).ToArray();
    }
}
