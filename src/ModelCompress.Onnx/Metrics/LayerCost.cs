namespace ModelCompress.Onnx.Metrics;

/// <summary>The arithmetic of one node for one sample.</summary>
/// <param name="Node">The node's display name.</param>
/// <param name="OpType">Its op type.</param>
/// <param name="Macs">Multiply-accumulates (Conv, ConvTranspose, Gemm, MatMul and their integer forms; 0 for other ops).</param>
/// <param name="Flops">Floating-point operations: 2 per MAC plus bias adds, pooling windows, element-wise work.</param>
public sealed record LayerCost(string Node, string OpType, long Macs, long Flops);
