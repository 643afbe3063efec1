using System.Numerics;
using System.Runtime.InteropServices;

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
        // One spare bin past the end takes the non-finite lanes of a vector (see AddVectors); it is never read.
        _bins = new long[(2 * binsPerSide) + 1];
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
    public ReadOnlySpan<long> Bins => _bins.AsSpan(0, Length);

    private int Length => 2 * BinsPerSide;

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

        if (Bound == 0f)
        {
            // Only zeros so far (and maybe non-finite values): they land in the middle bin once the range is known.
            _pendingZeros += CountFinite(values);
            return;
        }

        // Values are at least -Bound, so truncation is the floor.
        var perUnit = BinsPerSide / Bound;
        var last = Length - 1;
        var done = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            done = AddVectors(values, perUnit);
        }

        foreach (var v in values[done..])
        {
            if (float.IsFinite(v))
            {
                _bins[Math.Clamp((int)((v + Bound) * perUnit), 0, last)]++;
            }
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

    /// <summary>
    /// Bins whole vectors of <paramref name="values"/> and returns how many values it took. The index is the scalar
    /// formula lane by lane (IEEE add then multiply, truncation: bit-identical bins); a non-finite lane goes to a spare
    /// bin past the end that is never read. Vectors of exact zeros, most of a ReLU's output, are counted in a register
    /// and added to their bin once: incrementing one counter per value would chain every store to the previous one.
    /// </summary>
    private int AddVectors(ReadOnlySpan<float> values, float perUnit)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var bound = new Vector<float>(Bound);
        var scale = new Vector<float>(perUnit);
        var lastIndex = new Vector<int>(Length - 1);
        var spare = new Vector<int>(Length);
        var largest = new Vector<float>(float.MaxValue);
        Span<int> lanes = stackalloc int[Vector<int>.Count];
        var bins = _bins.AsSpan();
        long zeros = 0;
        foreach (var v in vectors)
        {
            if (v == Vector<float>.Zero)
            {
                zeros += Vector<float>.Count;
                continue;
            }

            var index = Vector.Min(Vector.Max(Vector.ConvertToInt32((v + bound) * scale), Vector<int>.Zero), lastIndex);
            // NaN fails every comparison, so it is not finite here either.
            Vector.ConditionalSelect(Vector.LessThanOrEqual(Vector.Abs(v), largest), index, spare).CopyTo(lanes);
            foreach (var lane in lanes)
            {
                bins[lane]++;
            }
        }

        if (zeros > 0)
        {
            bins[Math.Clamp((int)((0f + Bound) * perUnit), 0, Length - 1)] += zeros;
        }

        return vectors.Length * Vector<float>.Count;
    }

    private static long CountFinite(ReadOnlySpan<float> values)
    {
        long count = 0;
        foreach (var v in values)
        {
            count += float.IsFinite(v) ? 1 : 0;
        }

        return count;
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
            var n = Length;
            var merged = new long[n];
            for (var j = 0; j < n / 2; j++)
            {
                merged[(n / 4) + j] = _bins[2 * j] + _bins[(2 * j) + 1];
            }

            merged.CopyTo(_bins, 0);
            _bins[n] = 0;
            Bound *= 2f;
        }
    }
}
