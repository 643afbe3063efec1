namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>
/// float32 → float16 with the out-of-range cases made explicit: magnitudes above 65504 (and ±infinity, often
/// an attention mask's -inf) clamp to ±65504 instead of becoming infinity, and non-zero magnitudes below the
/// smallest subnormal (2^-24) become ±2^-24 instead of a silent zero, so a tiny epsilon or weight keeps its sign.
/// NaN stays NaN. Both counts go into the report.
/// </summary>
internal static class HalfValues
{
    private static readonly float Max = (float)Half.MaxValue;
    private static readonly float MinSubnormal = (float)Half.Epsilon;

    public static Half[] Convert(ReadOnlySpan<float> values, ref long clamped, ref long raised)
    {
        var result = new Half[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var magnitude = MathF.Abs(v);
            if (magnitude > Max)
            {
                v = MathF.CopySign(Max, v);
                clamped++;
            }
            else if (magnitude > 0f && magnitude < MinSubnormal)
            {
                v = MathF.CopySign(MinSubnormal, v);
                raised++;
            }

            result[i] = (Half)v;
        }

        return result;
    }
}
