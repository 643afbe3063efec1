namespace ModelCompress.Engine.Steps.Quantize.Calibration;

/// <summary>
/// A histogram over [-A, A] with <c>2 × BinsPerSide</c> equal bins, A the largest magnitude seen so far. When a
/// batch holds a larger magnitude, A doubles (as often as needed) and neighbouring bins merge pairwise: because
/// the range stays centred on 0 and the bin count is even, the re-binned counts are exact, not interpolated.
/// Memory is fixed by the bin count, whatever the number of samples.
/// </summary>
public sealed class SymmetricHistogram
{
    private readonly long[] _bins;
    private long _pendingZeros;

    /// <summary>Creates an empty histogram with <paramref name="binsPerSide"/> bins on each side of 0.</summary>
    public SymmetricHistogram(int binsPerSide = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binsPerSide, 1);
        BinsPerSide = binsPerSide;
        _bins = new long[2 * binsPerSide];
    }

    /// <summary>Bins on each side of 0.</summary>
    public int BinsPerSide { get; }

    /// <summary>The half-width A of the covered range [-A, A]; 0 until a non-zero value is seen.</summary>
    public float Bound { get; private set; }

    /// <summary>The smallest finite value seen.</summary>
    public float Min { get; private set; } = float.PositiveInfinity;

    /// <summary>The largest finite value seen.</summary>
    public float Max { get; private set; } = float.NegativeInfinity;

    /// <summary>Counts per bin, from -A upwards.</summary>
    public ReadOnlySpan<long> Bins => _bins;

    /// <summary>Adds the finite values of one batch.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        var (min, max) = FiniteRange.Of(values);
        Min = MathF.Min(Min, min);
        Max = MathF.Max(Max, max);
        var absMax = min <= max ? MathF.Max(MathF.Abs(min), MathF.Abs(max)) : 0f;

        if (absMax > 0f)
        {
            Grow(absMax);
        }

        // Values are at least -Bound, so truncation is the floor.
        var perUnit = Bound > 0f ? BinsPerSide / Bound : 0f;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            if (Bound == 0f)
            {
                _pendingZeros++;
                continue;
            }

            var index = (int)((v + Bound) * perUnit);
            _bins[Math.Clamp(index, 0, _bins.Length - 1)]++;
        }
    }

    /// <summary>
    /// The magnitudes: bin k counts |x| in [k·A/n, (k+1)·A/n) for n = <see cref="BinsPerSide"/>, folding the
    /// negative side onto the positive one.
    /// </summary>
    public long[] Magnitudes()
    {
        var folded = new long[BinsPerSide];
        for (var k = 0; k < BinsPerSide; k++)
        {
            folded[k] = _bins[BinsPerSide + k] + _bins[BinsPerSide - 1 - k];
        }

        folded[0] += _pendingZeros;
        return folded;
    }

    private void Grow(float absMax)
    {
        if (Bound == 0f)
        {
            Bound = absMax;
            _bins[BinsPerSide] += _pendingZeros;
            _pendingZeros = 0;
            return;
        }

        while (absMax > Bound)
        {
            // The old range is the middle half of the doubled one: old bins 2j and 2j+1 become new bin n/2 + j.
            var n = _bins.Length;
            var merged = new long[n];
            for (var j = 0; j < n / 2; j++)
            {
                merged[(n / 4) + j] = _bins[2 * j] + _bins[(2 * j) + 1];
            }

            merged.CopyTo(_bins, 0);
            Bound *= 2f;
        }
    }
}
