namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>
/// What stays in float32 whatever the user says: ops whose float inputs are shape or index math, ops with
/// float32-only inputs or attributes by spec, ops without a float16 form, quantization ops (their scales are
/// float32 before opset 19), nodes with subgraphs, and every op outside the default domain (we cannot know
/// their type constraints). Also the single input slots that must stay float32 on ops that are otherwise converted.
/// </summary>
internal static class Fp16Blocklist
{
    private static readonly HashSet<string> Ops = new(StringComparer.Ordinal)
    {
        // Shape and index math: values here are sizes, and float16 would round them (2049 -> 2048).
        "Range", "ConstantOfShape", "EyeLike", "OneHot", "CumSum", "NonMaxSuppression", "RoiAlign", "TopK",
        // Randomness and dtype attributes that name float32.
        "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli",
        // scales is float32 by spec (Upsample has no other float input worth converting).
        "Upsample",
        // Quantization: scales are float32 in opsets before 19, and the integer kernels expect them.
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "MatMulInteger", "ConvInteger",
        "QLinearConv", "QLinearMatMul",
        // Subgraph ops: their bodies read outer values by name, typed float32.
        "If", "Loop", "Scan",
        // Sequences and optionals carry their element type in the type, not per tensor.
        "SequenceConstruct", "SequenceInsert", "SequenceAt", "SequenceEmpty", "SplitToSequence", "ConcatFromSequence",
        "Optional", "OptionalGetElement", "OptionalHasElement",
    };

    /// <summary>Why the node must stay float32, or null when it may be converted.</summary>
    public static string? Reason(OnnxNode node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            return $"op of domain '{node.Domain}' (its float16 support is unknown)";
        }

        return Ops.Contains(node.OpType) ? "op on the fp16 blocklist" : null;
    }

    /// <summary>True when input <paramref name="slot"/> of a converted node must still be fed float32.</summary>
    public static bool KeepsFloat32(OnnxNode node, int slot) => node.OpType switch
    {
        // Resize: roi and scales are shape math; scales is tensor(float) by spec.
        "Resize" => slot is 1 or 2,
        _ => false,
    };
}
