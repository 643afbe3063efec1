namespace ModelCompress.Engine.Steps.Graph;

/// <summary>The model with FFN neurons removed, and per block the width before and after.</summary>
public sealed record NeuronPruneResult(OnnxModel Model, IReadOnlyList<(string Up, string Down, int Before, int After)> Blocks);
