using System.Numerics;
using System.Runtime.InteropServices;

namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>
/// The smallest and largest finite value of a span, vectorized: calibration reads every activation of every
/// batch, so this loop is most of its managed cost. Spans holding NaN or infinity take the scalar path.
/// </summary>
internal static class FiniteRange
{
    /// <summary>(min, max) of the finite values; (+∞, −∞) when there are none.</summary>
    public static (float Min, float Max) Of(ReadOnlySpan<float> values)
    {
        var width = Vector<float>.Count;
        if (values.Length >= width * 2)
        {
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            var min = vectors[0];
            var max = vectors[0];
            var finite = Vector<float>.Zero;
            foreach (var v in vectors)
            {
                min = Vector.Min(min, v);
                max = Vector.Max(max, v);
                finite += v * Vector<float>.Zero; // stays 0 unless some v is NaN or infinite
            }

            if (finite == Vector<float>.Zero)
            {
                var (lo, hi) = (float.PositiveInfinity, float.NegativeInfinity);
                for (var i = 0; i < width; i++)
                {
                    lo = MathF.Min(lo, min[i]);
                    hi = MathF.Max(hi, max[i]);
                }

                var (tailLo, tailHi) = Scalar(values[(vectors.Length * width)..]);
                return (MathF.Min(lo, tailLo), MathF.Max(hi, tailHi));
            }
        }

        return Scalar(values);
    }

    private static (float Min, float Max) Scalar(ReadOnlySpan<float> values)
    {
        var (min, max) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                min = MathF.Min(min, v);
                max = MathF.Max(max, v);
            }
        }

        return (min, max);
    }
}
