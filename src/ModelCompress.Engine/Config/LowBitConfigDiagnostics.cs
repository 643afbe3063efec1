namespace ModelCompress.Engine.Config;

/// <summary>Configuration diagnostics of the fp16 and weight_only quantize modes (MC1045–MC1049).</summary>
public static class LowBitConfigDiagnostics
{
    /// <summary>MC1045: a bit width MatMulNBits cannot run.</summary>
    public static Diagnostic UnsupportedBits(SourcePosition at, int bits) => Diagnostic.Error("MC1045", string.Create(CultureInfo.InvariantCulture,
        $"'bits' is {bits}, but weight_only quantization writes 4 or 8 bits per weight (ONNX Runtime's MatMulNBits kernels). Write 'bits: 4' or 'bits: 8'."), at, at.File);

    /// <summary>MC1046: a block size that is not a power of two of at least 16.</summary>
    public static Diagnostic BadBlockSize(SourcePosition at, int blockSize) => Diagnostic.Error("MC1046", string.Create(CultureInfo.InvariantCulture,
        $"'block_size' is {blockSize}, but MatMulNBits needs a power of two of at least 16 (16, 32, 64, 128, 256). Write 'block_size: 32' for the usual choice."), at, at.File);
}
