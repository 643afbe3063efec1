namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// A run of consecutive channels on a tensor's channel axis that come from one source (a Conv/Gemm/MatMul
/// output), or from no prunable source at all (<see cref="Fixed"/>, e.g. a graph input concatenated in).
/// </summary>
/// <param name="Source">The source id, or <see cref="Fixed"/> for channels that are never pruned.</param>
/// <param name="Count">Number of channels in the run.</param>
public readonly record struct ChannelSegment(int Source, long Count)
{
    /// <summary>The source id of channels that cannot be pruned.</summary>
    public const int Fixed = -1;

    /// <summary>True when these channels come from a prunable source.</summary>
    public bool IsPrunable => Source != Fixed;
}
