namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>What quantization does to a node.</summary>
public enum NodeRole
{
    /// <summary>Left in float.</summary>
    Float,

    /// <summary>Wrapped in DequantizeLinear → op → QuantizeLinear so ONNX Runtime swaps in an int8 kernel.</summary>
    Compute,

    /// <summary>Moves or selects values only: runs on int8 data with its input's scale and zero point.</summary>
    PassThrough,

    /// <summary>A ReLU or Clip at 0 removed: the QuantizeLinear after its producer clamps at 0 by itself.</summary>
    FusedActivation,
}
