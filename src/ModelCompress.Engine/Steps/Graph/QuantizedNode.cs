namespace ModelCompress.Engine.Steps.Graph;

/// <summary>What the quantizer did with one candidate node; <see cref="Reason"/> says why it was skipped.</summary>
public sealed record QuantizedNode(string Node, string OpType, bool Quantized, string? Reason);
