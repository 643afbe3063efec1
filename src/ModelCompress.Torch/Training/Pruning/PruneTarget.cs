namespace ModelCompress.Torch.Training.Pruning;

/// <summary>A weight gradual pruning acts on: the ONNX initializer, the node that reads it, and its element count.</summary>
public sealed record PruneTarget(string Initializer, string Node, string OpType, long Elements);
