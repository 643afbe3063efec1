namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The quantized model and a line per candidate node.</summary>
public sealed record DynamicQuantizeResult(OnnxModel Model, IReadOnlyList<QuantizedNode> Nodes, long OpsetBefore, long OpsetAfter)
{
    /// <summary>Number of nodes rewritten to integer ops.</summary>
    public int QuantizedCount => Nodes.Count(n => n.Quantized);
}
