using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>What handlers may look at: the graph, the inferred types, the opset and the calibrated ranges.</summary>
public sealed class QuantizeContext
{
    private readonly IReadOnlyDictionary<string, OnnxTensorType> _declared;

    internal QuantizeContext(
        OnnxGraph graph, ShapeInferenceResult types, long opset, IReadOnlyDictionary<string, TensorRange> ranges,
        IReadOnlyDictionary<string, OnnxTensorType>? declared = null)
    {
        _declared = declared ?? new Dictionary<string, OnnxTensorType>();
        Graph = graph;
        Types = types;
        Opset = opset;
        Ranges = ranges;
    }

    /// <summary>The graph being planned (not yet edited).</summary>
    public OnnxGraph Graph { get; }

    /// <summary>Element types and shapes by value name.</summary>
    public ShapeInferenceResult Types { get; }

    /// <summary>The model's default-domain opset.</summary>
    public long Opset { get; }

    /// <summary>Calibrated ranges by activation name.</summary>
    public IReadOnlyDictionary<string, TensorRange> Ranges { get; }

    /// <summary>Why <paramref name="value"/> cannot be quantized as an activation, or null when it can.</summary>
    public string? RejectActivation(string value)
    {
        if (value.Length == 0)
        {
            return "an input is omitted";
        }

        if (Graph.TryGetInitializer(value, out var constant))
        {
            return constant.DataType == OnnxDataType.Float ? null : $"constant input '{value}' is {constant.DataType.OnnxName()}, not FLOAT";
        }

        // The file's declared type stands in where the static inference has no rule (an int64 Slice of a Shape).
        if ((Types[value] ?? _declared.GetValueOrDefault(value)) is { } type && type.ElementType != OnnxDataType.Float)
        {
            return $"input '{value}' is {type.ElementType.OnnxName()}, not FLOAT";
        }

        return Ranges.ContainsKey(value) ? null : $"no calibration range for '{value}' (no finite value reached it)";
    }

    /// <summary>The float32 initializer behind <paramref name="value"/>, or null.</summary>
    public OnnxTensor? FloatInitializer(string value) =>
        Graph.TryGetInitializer(value, out var t) && t.DataType == OnnxDataType.Float ? t : null;
}
