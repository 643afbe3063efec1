namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>The diagnostics of the fp16 and weight_only quantize steps (MC3090–MC3098), one factory per problem.</summary>
public static class LowBitDiagnostics
{
    /// <summary>MC3090: fp16 found no node it could convert.</summary>
    public static Diagnostic NothingToConvert(string detail) => Diagnostic.Error("MC3090",
        $"Nothing to convert to fp16: {detail}. fp16 converts nodes computing on float32 values outside the blocklist; " +
        "check 'exclude' and 'exclude_ops', or remove the quantize step.");

    /// <summary>MC3091: weight_only found no MatMul/Gemm with a constant 2-D weight.</summary>
    public static Diagnostic NothingToQuantize(string detail) => Diagnostic.Error("MC3091",
        $"Nothing to quantize weight-only: {detail}. weight_only rewrites MatMul (and Gemm) whose weight is a constant 2-D " +
        "float32 tensor into MatMulNBits; check 'include'/'exclude', or use another mode.");

    /// <summary>MC3092: a node named in include cannot be quantized weight-only.</summary>
    public static Diagnostic CannotInclude(string node, string reason) => Diagnostic.Error("MC3092",
        $"Node '{node}' is in the weight_only include list but cannot be quantized: {reason}. Remove it from 'include'.");

    /// <summary>MC3093: fp16 clamped values that float16 cannot hold.</summary>
    public static Diagnostic Clamped(long clamped) => Diagnostic.Warning("MC3093", string.Create(CultureInfo.InvariantCulture,
        $"fp16 clamped {clamped} constant value(s) beyond ±65504 (or infinite) to ±65504. If accuracy drops, keep the nodes reading them in float32 with 'exclude'."));
}
