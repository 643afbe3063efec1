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
    public static float Percentile(ReadOnlySpan<long> bins, float bound, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100d);
        long total = 0;
        foreach (var b in bins)
        {
            total += b;
        }

        var target = percentile / 100d * total;
        long cumulative = 0;
        for (var k = 0; k < bins.Length; k++)
        {
            cumulative += bins[k];
            if (cumulative >= target)
            {
                return (float)((k + 1) * (double)bound / bins.Length);
            }
        }

        return bound;
    }

    /// <summary>
    /// The threshold i·w (i from <paramref name="levels"/> to the bin count) whose clipped distribution P (bins
    /// [0, i) with everything above folded into bin i-1) differs least, in KL divergence, from Q: P's bins merged
    /// into <paramref name="levels"/> groups and spread back evenly over the group's non-empty bins.
    /// </summary>
    public static float Entropy(ReadOnlySpan<long> bins, float bound, int levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        var n = bins.Length;
        if (n <= levels)
        {
            return bound;
        }

        var sums = new PrefixSums(bins);
        var best = n;
        var bestDivergence = double.PositiveInfinity;
        for (var i = levels; i <= n; i++)
        {
            var divergence = sums.Divergence(bins, i, levels);
            if (divergence < bestDivergence)
            {
                bestDivergence = divergence;
                best = i;
            }
        }

        return (float)(best * (double)bound / n);
    }

    /// <summary>KL(P || Q) for the threshold at bin <paramref name="i"/>.</summary>
    public static double Divergence(ReadOnlySpan<long> bins, int i, int levels) => new PrefixSums(bins).Divergence(bins, i, levels);

    /// <summary>
    /// Running sums over the bins (counts, c·ln c, non-empty bins), so one threshold's divergence costs one step per
    /// group instead of one per bin: within a group Q is constant, so Σ p·ln(p/q) = Σ p·ln p − (Σ p)·ln q.
    /// </summary>
    private sealed class PrefixSums
    {
        private readonly double[] _count;
        private readonly double[] _countLog;
        private readonly int[] _nonEmpty;

        public PrefixSums(ReadOnlySpan<long> bins)
        {
            _count = new double[bins.Length + 1];
            _countLog = new double[bins.Length + 1];
            _nonEmpty = new int[bins.Length + 1];
            for (var k = 0; k < bins.Length; k++)
            {
                double c = bins[k];
                _count[k + 1] = _count[k] + c;
                _countLog[k + 1] = _countLog[k] + (c > 0 ? c * Math.Log(c) : 0);
                _nonEmpty[k + 1] = _nonEmpty[k] + (c > 0 ? 1 : 0);
            }
        }

        public double Divergence(ReadOnlySpan<long> bins, int i, int levels)
        {
            var total = _count[^1];
            var qTotal = _count[i];
            if (total == 0 || qTotal == 0)
            {
                return double.PositiveInfinity;
            }

            // P equals the bins except the last bin kept, which also holds every count above the threshold.
            var outliers = total - _count[i];
            double last = bins[i - 1];
            var width = i / levels;
            var logTotal = Math.Log(total);
            double sum = 0;
            for (var g = 0; g < levels; g++)
            {
                var start = g * width;
                var stop = g == levels - 1 ? i : start + width;
                var qMass = _count[stop] - _count[start];
                var pMass = qMass;
                var pLogs = _countLog[stop] - _countLog[start];
                var nonEmpty = _nonEmpty[stop] - _nonEmpty[start];
                if (g == levels - 1 && outliers > 0)
                {
                    var p = last + outliers;
                    pMass += outliers;
                    pLogs += (p * Math.Log(p)) - (last > 0 ? last * Math.Log(last) : 0);
                    nonEmpty += last > 0 ? 0 : 1;
                }

                if (pMass == 0)
                {
                    continue;
                }

                var q = nonEmpty > 0 ? qMass / nonEmpty / qTotal : 0;
                sum += pLogs - (pMass * logTotal) - (pMass * Math.Log(Math.Max(q, Epsilon)));
            }

            return sum / total;
        }
    }
}
