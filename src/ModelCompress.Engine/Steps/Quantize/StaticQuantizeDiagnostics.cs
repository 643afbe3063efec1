using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>The diagnostics of static quantization (MC3070–MC3089), one factory per problem.</summary>
public static class StaticQuantizeDiagnostics
{
    /// <summary>MC3070: QuantizeLinear/DequantizeLinear need opset 10.</summary>
    public static Diagnostic OpsetTooOld(long opset) => Diagnostic.Error("MC3070",
        $"Static quantization needs opset 10 or later (QuantizeLinear/DequantizeLinear); the model imports opset {opset}. " +
        "Re-export the model with a newer opset (13 or later gives per-channel weights).");

    /// <summary>MC3071: no compute node could be quantized.</summary>
    public static Diagnostic NothingToQuantize(string detail) => Diagnostic.Error("MC3071",
        $"Nothing to quantize statically: {detail}. Static quantization turns Conv, Gemm, MatMul, Add, Mul, Concat, pooling, " +
        "Sigmoid and Softmax into int8 kernels; check the include/exclude lists.");
}
