namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>One candidate node: whether it became MatMulNBits, why not, and its weight bytes before and after.</summary>
public sealed record WeightOnlyNode(string Node, string OpType, bool Quantized, string? Reason, long FloatBytes, long PackedBytes);
