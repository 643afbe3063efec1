namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// One member of a group: initializer <paramref name="Tensor"/> holds, along <paramref name="Axis"/>, channel c
/// of <paramref name="Source"/> at elements (Offset + c)·Block … (Offset + c + 1)·Block − 1 (original indices).
/// A grouped Conv's weight (<paramref name="Groups"/> &gt; 1) holds on its axis 1 only the channels of its row's
/// group: row r belongs to group g = r / (rows / Groups), whose column j is channel g · columns + j.
/// </summary>
/// <param name="Tensor">The initializer name.</param>
/// <param name="Axis">The sliced axis of the initializer.</param>
/// <param name="Source">The source whose channels these are.</param>
/// <param name="Offset">Channels before this source's run on the axis (a Concat puts others first).</param>
/// <param name="Block">Elements per channel (H·W for a Gemm reading a flattened feature map).</param>
/// <param name="Role">What the tensor is to the channels.</param>
/// <param name="Node">The node reading the initializer.</param>
/// <param name="Groups">Row groups of a grouped Conv weight read on axis 1; 1 otherwise.</param>
public sealed record ChannelSlice(string Tensor, int Axis, int Source, long Offset, long Block, SliceRole Role, string Node, long Groups = 1)
{
    /// <summary>
    /// The channel (of this slice's source, before pruning) that element <paramref name="index"/> (row-major) of a
    /// tensor with <paramref name="dims"/> belongs to; negative or past the source's count when it is none of them.
    /// </summary>
    public long ChannelOf(IReadOnlyList<long> dims, long index)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var inner = dims.Skip(Axis + 1).Aggregate(1L, (p, d) => p * d);
        var along = index / inner % dims[Axis];
        if (Groups > 1)
        {
            var row = index / dims.Skip(1).Aggregate(1L, (p, d) => p * d);
            along += row / (dims[0] / Groups) * dims[Axis];
        }

        return (along / Block) - Offset;
    }
}
