namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Where the prunable channels of one tensor lie: the axis, and along it the segments of channels in order.
/// Each channel covers <see cref="Block"/> consecutive elements of the axis (1 for NCHW; H·W after a Flatten,
/// where channel c becomes the features c·H·W … (c+1)·H·W − 1).
/// </summary>
/// <param name="Axis">The channel axis (non-negative).</param>
/// <param name="Rank">The tensor's rank.</param>
/// <param name="Segments">The channel runs, in axis order.</param>
/// <param name="Block">Elements of the axis per channel.</param>
public sealed record ChannelLayout(int Axis, int Rank, IReadOnlyList<ChannelSegment> Segments, long Block)
{
    /// <summary>Number of channels (sum of the segment counts).</summary>
    public long Channels => Segments.Sum(s => s.Count);

    /// <summary>Length of the axis: channels times block.</summary>
    public long Length => checked(Channels * Block);

    /// <summary>True when some channel comes from a prunable source.</summary>
    public bool HasPrunable => Segments.Any(s => s.IsPrunable);

    /// <summary>One source filling the whole axis.</summary>
    public static ChannelLayout Single(int axis, int rank, int source, long channels) =>
        new(axis, rank, [new ChannelSegment(source, channels)], 1);

    /// <summary>The same channels on another axis or rank (the tensor was transposed, squeezed, broadcast).</summary>
    public ChannelLayout Moved(int axis, int rank) => this with { Axis = axis, Rank = rank };
}
