namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// The original and the compressed model timed in alternating rounds in one process: each round's latency
/// percentile of both, the ratio compressed/original per round, its median and a distribution-free ~90 %
/// confidence interval for that median (order statistics of the round ratios).
/// </summary>
/// <param name="Percentile">The latency percentile compared (50, 95 or 99).</param>
/// <param name="OriginalMs">Median over rounds of the original's percentile latency.</param>
/// <param name="CompressedMs">Median over rounds of the compressed model's percentile latency.</param>
/// <param name="CompressedLowMs">Low end of the interval for <paramref name="CompressedMs"/>.</param>
/// <param name="CompressedHighMs">High end of the interval for <paramref name="CompressedMs"/>.</param>
/// <param name="Ratio">Median of the per-round ratios.</param>
/// <param name="RatioLow">Low end of the ratio's interval.</param>
/// <param name="RatioHigh">High end of the ratio's interval.</param>
/// <param name="Rounds">Rounds measured (A/B pairs).</param>
public sealed record LatencyComparison(
    int Percentile,
    double OriginalMs,
    double CompressedMs,
    double CompressedLowMs,
    double CompressedHighMs,
    double Ratio,
    double RatioLow,
    double RatioHigh,
    int Rounds)
{
    /// <summary>Summarises per-round figures; see the type summary.</summary>
    public static LatencyComparison From(int percentile, IReadOnlyList<double> original, IReadOnlyList<double> compressed)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(compressed);
        var ratios = original.Zip(compressed, (a, b) => a == 0 ? 0 : b / a).ToArray();
        var (ratio, low, high) = MedianInterval(ratios);
        var (after, afterLow, afterHigh) = MedianInterval([.. compressed]);
        var (before, _, _) = MedianInterval([.. original]);
        return new LatencyComparison(percentile, before, after, afterLow, afterHigh, ratio, low, high, ratios.Length);
    }

    // The interval [x(k), x(n+1-k)] covers the median with probability 1 - 2 P(Binomial(n, 1/2) < k); k is the
    // largest rank keeping that at least 90 % (k = 1, the full range, when there are too few rounds for more).
    private static (double Median, double Low, double High) MedianInterval(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var k = 1;
        while (k + 1 <= (n + 1) / 2 && 2 * BinomialCdf(n, k) <= 0.10)
        {
            k++;
        }

        return (median, sorted[k - 1], sorted[n - k]);
    }

    // P(Binomial(n, 1/2) <= k): the chance that at most k of n values fall below the median.
    private static double BinomialCdf(int n, int k)
    {
        double sum = 0, term = Math.Pow(0.5, n);
        for (var i = 0; i <= k; i++)
        {
            sum += term;
            term = term * (n - i) / (i + 1);
        }

        return sum;
    }
}
