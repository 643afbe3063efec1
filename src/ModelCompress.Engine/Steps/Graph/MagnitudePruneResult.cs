using ModelCompress.Onnx;

namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The pruned model and what happened to each prunable weight.</summary>
public sealed record MagnitudePruneResult(OnnxModel Model, IReadOnlyList<PrunedLayer> Layers)
{
    /// <summary>Elements of all prunable weights.</summary>
    public long Elements => Layers.Sum(l => l.Elements);

    /// <summary>Zeros among them.</summary>
    public long Zeros => Layers.Sum(l => l.Zeros);

    /// <summary>Sparsity over all prunable weights (biases and other tensors not counted).</summary>
    public double Sparsity => Elements == 0 ? 0 : (double)Zeros / Elements;
}
