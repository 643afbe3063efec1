using ModelCompress.Engine.Steps.Quantize.Calibration;

namespace ModelCompress.Engine.Tests.Steps.Quantize.Calibration;

/// <summary>The vectorized binning must give the very counts of the one-value-at-a-time formula.</summary>
public sealed class HistogramBinningTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(4099)]
    public void Vectorized_bins_equal_the_scalar_formula_with_zeros_and_non_finite_values(int length)
    {
        var random = new Random(length);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            // Runs of exact zeros (a ReLU), -0, signed values and the odd NaN or infinity.
            values[i] = (((i / 16) + 1) % 3) switch
            {
                2 => 0f,
                0 => i % 5 == 0 ? -0f : (float)((random.NextDouble() * 6) - 3),
                _ => i % 97 == 0 ? float.NaN : i % 89 == 0 ? float.NegativeInfinity : (float)(random.NextDouble() * 2),
            };
        }

        values[^1] = 2.5f; // a range to bin into
        var histogram = new SymmetricHistogram(binsPerSide: 64);
        histogram.Add(values);

        var expected = new long[128];
        var bound = histogram.Bound;
        var perUnit = 64 / bound;
        foreach (var v in values.Where(float.IsFinite))
        {
            expected[Math.Clamp((int)((v + bound) * perUnit), 0, 127)]++;
        }

        Assert.Equal(expected, histogram.Bins.ToArray());
        Assert.Equal(values.Count(float.IsFinite), histogram.Bins.ToArray().Sum());
    }

    [Fact]
    public void Zeros_seen_before_any_other_value_land_in_the_middle_bin()
    {
        var histogram = new SymmetricHistogram(binsPerSide: 4);
        histogram.Add(new float[40]);
        histogram.Add([float.NaN, 0f]);
        histogram.Add(Enumerable.Repeat(1f, 33).ToArray());

        Assert.Equal([0, 0, 0, 0, 41, 0, 0, 33], histogram.Bins.ToArray());
    }
}
