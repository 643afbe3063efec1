namespace ModelCompress.Engine.Config;

/// <summary>Quantization scheme.</summary>
public enum QuantizeMode
{
    /// <summary>Int8 weights, activations quantized at run time.</summary>
    Dynamic,

    /// <summary>Int8 weights and activations, calibrated (not supported yet).</summary>
    Static,

    /// <summary>Half-precision floats (not supported yet).</summary>
    Fp16,
}
