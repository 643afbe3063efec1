namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>How static QDQ quantization stores weights and activations.</summary>
/// <param name="PerChannel">One weight scale per output channel (needs opset 13; per tensor below it).</param>
/// <param name="ActivationType">UINT8 (default; what ORT's x86 kernels are fastest with) or INT8.</param>
/// <param name="WeightType">INT8 (symmetric, default) or UINT8 (asymmetric).</param>
/// <param name="SymmetricActivations">Activation ranges made symmetric around 0.</param>
/// <param name="ReduceRange">7-bit weights, for CPUs without VNNI whose u8s8 kernels can saturate.</param>
/// <param name="Include">Only these compute nodes are quantized (empty: all).</param>
/// <param name="Exclude">These nodes stay in float.</param>
public sealed record StaticQuantizeOptions(
    bool PerChannel = true,
    OnnxDataType ActivationType = OnnxDataType.UInt8,
    OnnxDataType WeightType = OnnxDataType.Int8,
    bool SymmetricActivations = false,
    bool ReduceRange = false,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Exclude = null)
{
    /// <summary>The defaults.</summary>
    public static StaticQuantizeOptions Default { get; } = new();
}
