using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Tests.Steps.Quantize.Calibration;

public sealed class HistogramCalibrationTests
{
    [Fact]
    public void Percentile_is_the_upper_edge_of_the_bin_reaching_the_share()
    {
        long[] bins = [5, 3, 1, 1]; // magnitudes over [0, 4): bin width 1, 10 values

        Assert.Equal(2f, CalibrationThresholds.Percentile(bins, 4f, 80)); // 5 + 3 = 8 of 10
        Assert.Equal(3f, CalibrationThresholds.Percentile(bins, 4f, 90));
        Assert.Equal(4f, CalibrationThresholds.Percentile(bins, 4f, 100));
        Assert.Equal(1f, CalibrationThresholds.Percentile(bins, 4f, 50));
    }

    [Fact]
    public void Entropy_divergences_match_the_hand_computed_case()
    {
        // bins [8, 2, 1, 1], 2 levels. Threshold at bin 2: P = [8, 4] (outliers folded in), Q = [8, 2] → KL 0.048728.
        // At bin 3: P = [8, 2, 2], Q = [8, 1.5, 1.5] → KL 0.008883. At bin 4: P = [8, 2, 1, 1], Q = [5, 5, 1, 1] → KL 0.160621.
        long[] bins = [8, 2, 1, 1];

        Assert.Equal(0.048728, CalibrationThresholds.Divergence(bins, 2, 2), 5);
        Assert.Equal(0.008883, CalibrationThresholds.Divergence(bins, 3, 2), 5);
        Assert.Equal(0.160621, CalibrationThresholds.Divergence(bins, 4, 2), 5);
        Assert.Equal(3f, CalibrationThresholds.Entropy(bins, 4f, 2)); // bin 3 wins: threshold 3 × width 1
    }

    [Fact]
    public void Histogram_grows_by_doubling_and_keeps_every_count()
    {
        var h = new SymmetricHistogram(binsPerSide: 4);
        h.Add([0.4f, -0.25f, 0f]); // bound 0.4, bin width 0.1
        h.Add([1.5f]); // bound doubles twice to 1.6, bin width 0.4

        Assert.Equal(1.6f, h.Bound, 6);
        Assert.Equal(4, h.Bins.ToArray().Sum());
        Assert.Equal([3, 0, 0, 1], h.Magnitudes()); // 0.4, 0.25, 0 below 0.4; 1.5 in [1.2, 1.6)
        Assert.Equal((-0.25f, 1.5f), (h.Min, h.Max));
    }

    [Fact]
    public void Histogram_ranges_are_cut_to_what_was_seen()
    {
        var relu = HistogramStatistics.Percentile(99);
        var values = Enumerable.Range(0, 1000).Select(i => i / 1000f).Append(50f).ToArray(); // one outlier
        relu.Add(values.AsSpan(0, 500));
        relu.Add(values.AsSpan(500));

        var range = relu.Range()!.Value;

        Assert.Equal(0f, range.Min); // never negative: the lower bound stays at 0, not -t
        Assert.InRange(range.Max, 0.98f, 1.05f); // the outlier at 50 is clipped
        var entropy = HistogramStatistics.Entropy();
        entropy.Add(values);
        Assert.InRange(entropy.Range()!.Value.Max, 0.9f, 50f);
    }
}
