namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>The float range an activation is quantized over.</summary>
public readonly record struct TensorRange(float Min, float Max)
{
    /// <summary>The same range widened to hold 0, as every affine quantization scheme needs (0 must be exact).</summary>
    public TensorRange WithZero() => new(MathF.Min(Min, 0f), MathF.Max(Max, 0f));
}
