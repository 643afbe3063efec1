namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>The diagnostics of static quantization (MC3070–MC3089), one factory per problem.</summary>
public static class StaticQuantizeDiagnostics
{
    /// <summary>MC3070: QuantizeLinear/DequantizeLinear need opset 10, and the model's opset could not be raised.</summary>
    public static Diagnostic OpsetTooOld(long opset, string whyNotRaised) => Diagnostic.Error("MC3070",
        $"Static quantization needs opset 10 or later (QuantizeLinear/DequantizeLinear); the model imports opset {opset} and " +
        $"cannot be raised to 13: {whyNotRaised}. Re-export the model with a newer opset (13 or later gives per-channel weights).");

    /// <summary>MC3071: no compute node could be quantized.</summary>
    public static Diagnostic NothingToQuantize(string detail) => Diagnostic.Error("MC3071",
        $"Nothing to quantize statically: {detail}. Static quantization turns Conv, Gemm, MatMul, Add, Mul, Concat, pooling, " +
        "Sigmoid and Softmax into int8 kernels; check the include/exclude lists.");

    /// <summary>MC3072 (warning): no data.calibration, so the evaluation inputs calibrate the ranges.</summary>
    public static Diagnostic CalibratingOnEvaluationData(SourcePosition at) => Diagnostic.Warning("MC3072",
        "Static quantization is calibrating on the evaluation inputs because data.calibration is not set: the accuracy " +
        "measured afterwards is on the same rows the ranges were fitted to. Add 'calibration:' under data with rows kept apart.", at);

    /// <summary>MC3073: the step has no data to calibrate on at run time.</summary>
    public static Diagnostic NoCalibrationData(SourcePosition at) => Diagnostic.Error("MC3073",
        "Static quantization needs calibration data: add a data section with 'calibration:' (or at least 'inputs:').", at);

    /// <summary>MC3074: a node named in include cannot be quantized.</summary>
    public static Diagnostic IncludedNotQuantizable(SourcePosition at, string node, string opType, string reason) => Diagnostic.Error("MC3074",
        $"Node '{node}' ({opType}) is in the include list but cannot be quantized statically: {reason}. Remove it from include.", at);

    /// <summary>MC3075 (warning): the quantized model ran slower than its input.</summary>
    public static Diagnostic Slower(SourcePosition at, double before, double after, IReadOnlyList<string> unfused) => Diagnostic.Warning("MC3075",
        $"The statically quantized model is slower than its input on the evaluation provider (p50 {StaticQuantizeRunner.Format(before)} ms -> " +
        $"{StaticQuantizeRunner.Format(after)} ms). " + (unfused.Count > 0
            ? $"Op types ONNX Runtime did not fuse into int8 kernels: {string.Join(", ", unfused)}; exclude them or drop the step."
            : "Every quantizable op fused; the model may be too small for int8 to pay off, or the provider lacks int8 kernels."), at);

    /// <summary>MC4030: a calibration array holds NaN or infinity.</summary>
    public static Diagnostic NotFinite(SourcePosition at, string input, int row, float value) => Diagnostic.Error("MC4030",
        $"Calibration data for input '{input}' holds {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} in row {row}; " +
        "ranges fitted to it would be meaningless. Clean the calibration array (no NaN or infinity).", at);

    /// <summary>MC3076 (warning): dynamic quantization rewrote convolutions into ConvInteger.</summary>
    public static Diagnostic ConvIntegerSlow(SourcePosition at, int count) => Diagnostic.Warning("MC3076",
        $"Dynamic quantization turned {count} Conv node(s) into ConvInteger, which ONNX Runtime runs as u8 x u8 and is usually " +
        "slower than float on x86. Use 'mode: static' for convolutions (QLinearConv), or leave Conv out of 'ops'.", at);

    /// <summary>MC3077 (warning): the accuracy-aware fallback had only the evaluation data to check the budget on.</summary>
    public static Diagnostic FallbackOnEvaluationData(SourcePosition at) => Diagnostic.Warning("MC3077",
        "The quantize fallback chose which nodes to return to float by checking the accuracy budget on the evaluation (test) " +
        "data, because data.validation is not set: the reported accuracy is then no longer an unbiased estimate. " +
        "Add 'validation:' under data (inputs and labels kept apart from the test split).", at);
}
