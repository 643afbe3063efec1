namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// One member of a group: initializer <paramref name="Tensor"/> holds, along <paramref name="Axis"/>, channel c
/// of <paramref name="Source"/> at elements (Offset + c)·Block … (Offset + c + 1)·Block − 1 (original indices).
/// </summary>
/// <param name="Tensor">The initializer name.</param>
/// <param name="Axis">The sliced axis of the initializer.</param>
/// <param name="Source">The source whose channels these are.</param>
/// <param name="Offset">Channels before this source's run on the axis (a Concat puts others first).</param>
/// <param name="Block">Elements per channel (H·W for a Gemm reading a flattened feature map).</param>
/// <param name="Role">What the tensor is to the channels.</param>
/// <param name="Node">The node reading the initializer.</param>
public sealed record ChannelSlice(string Tensor, int Axis, int Source, long Offset, long Block, SliceRole Role, string Node);
