namespace ModelCompress.Engine.Config;

/// <summary>The 8-bit integer type of quantized weights or activations.</summary>
public enum QuantizedType
{
    /// <summary>Unsigned 8-bit (0..255).</summary>
    UInt8,

    /// <summary>Signed 8-bit (-128..127).</summary>
    Int8,
}
