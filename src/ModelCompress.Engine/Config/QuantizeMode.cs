using System.Runtime.Serialization;

namespace ModelCompress.Engine.Config;

/// <summary>Quantization scheme.</summary>
public enum QuantizeMode
{
    /// <summary>Int8 weights, activations quantized at run time.</summary>
    Dynamic,

    /// <summary>Int8 weights and activations, calibrated (not supported yet).</summary>
    Static,

    /// <summary>Half-precision floats: weights and compute in float16, graph inputs and outputs float32 by default.</summary>
    Fp16,

    /// <summary>MatMul weights in 4 or 8 bits per block (ONNX Runtime's MatMulNBits); activations stay float.</summary>
    [EnumMember(Value = "weight_only")]
    WeightOnly,
}
