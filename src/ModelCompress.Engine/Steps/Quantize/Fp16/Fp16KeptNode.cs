namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>A node that touches float values but stays in float32, and why.</summary>
public sealed record Fp16KeptNode(string Node, string OpType, string Reason);
