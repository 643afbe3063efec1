namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>
/// Thresholds on a magnitude histogram (bin k covers [k·w, (k+1)·w), w = bound / bins): the percentile cut and
/// the KL-divergence search of TensorRT's entropy calibration (also ONNX Runtime's). Pure functions over counts,
/// so small cases can be checked by hand.
/// </summary>
public static class CalibrationThresholds
{
    // Stands in for an empty quantized bin where the reference distribution has mass, keeping KL finite but large.
    private const double Epsilon = 1e-10;

    /// <summary>The upper edge of the first bin where the cumulative count reaches <paramref name="percentile"/> %.</summary>
    public static float Percentile(IReadOnlyList<long> bins, float bound, double percentile)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100d);
        var total = bins.Sum();
        var target = percentile / 100d * total;
        long cumulative = 0;
        for (var k = 0; k < bins.Count; k++)
        {
            cumulative += bins[k];
            if (cumulative >= target)
            {
                return (float)((k + 1) * (double)bound / bins.Count);
            }
        }

        return bound;
    }

    /// <summary>
    /// The threshold i·w (i from <paramref name="levels"/> to the bin count) whose clipped distribution P (bins
    /// [0, i) with everything above folded into bin i-1) differs least, in KL divergence, from Q: P's bins merged
    /// into <paramref name="levels"/> groups and spread back evenly over the group's non-empty bins.
    /// </summary>
    public static float Entropy(IReadOnlyList<long> bins, float bound, int levels)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        var n = bins.Count;
        if (n <= levels)
        {
            return bound;
        }

        var best = n;
        var bestDivergence = double.PositiveInfinity;
        for (var i = levels; i <= n; i++)
        {
            var divergence = Divergence(bins, i, levels);
            if (divergence < bestDivergence)
            {
                bestDivergence = divergence;
                best = i;
            }
        }

        return (float)(best * (double)bound / n);
    }

    /// <summary>KL(P || Q) for the threshold at bin <paramref name="i"/>.</summary>
    public static double Divergence(IReadOnlyList<long> bins, int i, int levels)
    {
        var p = new double[i];
        for (var k = 0; k < i; k++)
        {
            p[k] = bins[k];
        }

        for (var k = i; k < bins.Count; k++)
        {
            p[i - 1] += bins[k];
        }

        var q = new double[i];
        var width = i / levels;
        for (var g = 0; g < levels; g++)
        {
            var start = g * width;
            var stop = g == levels - 1 ? i : start + width;
            double total = 0;
            var nonEmpty = 0;
            for (var k = start; k < stop; k++)
            {
                total += bins[k];
                nonEmpty += p[k] > 0 ? 1 : 0;
            }

            for (var k = start; k < stop && nonEmpty > 0; k++)
            {
                q[k] = p[k] > 0 ? total / nonEmpty : 0;
            }
        }

        var pSum = p.Sum();
        var qSum = q.Sum();
        if (pSum == 0 || qSum == 0)
        {
            return double.PositiveInfinity;
        }

        double divergence = 0;
        for (var k = 0; k < i; k++)
        {
            if (p[k] > 0)
            {
                var pk = p[k] / pSum;
                var qk = Math.Max(q[k] / qSum, Epsilon);
                divergence += pk * Math.Log(pk / qk);
            }
        }

        return divergence;
    }
}
