namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>Scale and zero point of an affine 8-bit quantization: x ≈ (q - ZeroPoint) × Scale.</summary>
/// <param name="Scale">The float step between two integer levels.</param>
/// <param name="ZeroPoint">The integer that stands for 0.</param>
/// <param name="Type">UINT8 or INT8.</param>
public readonly record struct QuantParams(float Scale, int ZeroPoint, OnnxDataType Type)
{
    /// <summary>
    /// The integer limits: [0, 255] and [-128, 127], or [-127, 127] for symmetric int8 (so -x is representable);
    /// <paramref name="reduceRange"/> keeps 7 bits ([0, 127], [-64, 64]) for CPUs without VNNI, where the u8s8
    /// kernels can saturate their int16 accumulation.
    /// </summary>
    public static (int QMin, int QMax) Limits(OnnxDataType type, bool symmetric, bool reduceRange = false) => (type, symmetric, reduceRange) switch
    {
        (OnnxDataType.UInt8, _, false) => (0, 255),
        (OnnxDataType.UInt8, _, true) => (0, 127),
        (OnnxDataType.Int8, false, false) => (-128, 127),
        (OnnxDataType.Int8, true, false) => (-127, 127),
        (OnnxDataType.Int8, _, true) => (-64, 64),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Only UINT8 and INT8 are 8-bit quantization types."),
    };

    /// <summary>
    /// ONNX Runtime's definition: the range is widened to hold 0; symmetric makes it [-m, m]; scale =
    /// (max − min) / (qmax − qmin); zero point = round(qmin − min / scale) (half to even), clamped to the limits,
    /// or the middle of the limits when symmetric. An empty range gets scale 1 and zero point 0.
    /// </summary>
    public static QuantParams ForRange(TensorRange range, OnnxDataType type, bool symmetric, bool reduceRange = false)
    {
        var (qmin, qmax) = Limits(type, symmetric, reduceRange);
        var (min, max) = range.WithZero();
        if (symmetric)
        {
            var absMax = MathF.Max(MathF.Abs(min), MathF.Abs(max));
            (min, max) = (-absMax, absMax);
        }

        var scale = (max - min) / (qmax - qmin);
        if (!(scale > 0f) || !float.IsFinite(scale))
        {
            return new QuantParams(1f, symmetric ? Middle(qmin, qmax) : Math.Clamp(0, qmin, qmax), type);
        }

        var zeroPoint = symmetric
            ? Middle(qmin, qmax)
            : (int)Math.Clamp(MathF.Round(qmin - (min / scale), MidpointRounding.ToEven), qmin, qmax);
        return new QuantParams(scale, zeroPoint, type);
    }

    /// <summary>The quantized value of <paramref name="x"/>: round(x / scale) + zero point, saturated.</summary>
    public int Quantize(float x)
    {
        var (qmin, qmax) = Type == OnnxDataType.UInt8 ? (0, 255) : (-128, 127);
        return (int)Math.Clamp(MathF.Round(x / Scale, MidpointRounding.ToEven) + ZeroPoint, qmin, qmax);
    }

    private static int Middle(int qmin, int qmax) => (int)Math.Round((qmin + qmax) / 2.0, MidpointRounding.ToEven);
}
