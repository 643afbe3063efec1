namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>The model with MatMulNBits nodes and a line per candidate.</summary>
public sealed record WeightOnlyResult(OnnxModel Model, IReadOnlyList<WeightOnlyNode> Nodes)
{
    /// <summary>Nodes rewritten.</summary>
    public int QuantizedCount => Nodes.Count(n => n.Quantized);

    /// <summary>Float32 bytes of the rewritten weights.</summary>
    public long FloatBytes => Nodes.Where(n => n.Quantized).Sum(n => n.FloatBytes);

    /// <summary>Bytes of their packed replacements (codes, scales, zero points).</summary>
    public long PackedBytes => Nodes.Where(n => n.Quantized).Sum(n => n.PackedBytes);
}
