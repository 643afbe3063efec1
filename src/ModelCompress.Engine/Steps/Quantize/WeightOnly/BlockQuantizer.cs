namespace ModelCompress.Engine.Steps.Quantize.WeightOnly;

/// <summary>
/// Block quantization in MatMulNBits' layout. The weight is read as [N, K] (one row per output column); each row is
/// cut along K into blocks of <c>blockSize</c> (the last padded with the zero point, which dequantizes to 0), and
/// each block gets one scale and, when asymmetric, one zero point. Codes are unsigned: symmetric uses
/// [zp − qmax, zp + qmax] around zp = 2^(bits−1) (8 or 128, MatMulNBits' default, so no zero-point input is
/// needed); asymmetric spans [0, 2^bits − 1] over [min(0, x), max(0, x)] so that 0 stays exact.
/// Packing is low bits first: for 4 bits, element 2j of a block is the low nibble of byte j. Zero points are
/// packed the same way, per row, ceil(n_blocks × bits / 8) bytes.
/// </summary>
internal static class BlockQuantizer
{
    /// <summary>Quantizes <paramref name="rows"/> ([N, K] row-major).</summary>
    public static PackedWeight Quantize(float[] rows, int n, int k, int bits, int blockSize, bool symmetric)
    {
        var blocks = (k + blockSize - 1) / blockSize;
        var blob = blockSize * bits / 8;
        var zpBytesPerRow = ((blocks * bits) + 7) / 8;
        var packed = new byte[n * blocks * blob];
        var scales = new float[n * blocks];
        var zeroPoints = symmetric ? null : new byte[n * zpBytesPerRow];
        var codes = new byte[blockSize];
        for (var row = 0; row < n; row++)
        {
            for (var b = 0; b < blocks; b++)
            {
                var values = rows.AsSpan((row * k) + (b * blockSize), Math.Min(blockSize, k - (b * blockSize)));
                var (scale, zp) = symmetric ? Symmetric(values, bits, codes) : Asymmetric(values, bits, codes);
                codes.AsSpan(values.Length).Fill(zp);
                scales[(row * blocks) + b] = scale;
                Pack(codes, bits, packed.AsSpan(((row * blocks) + b) * blob, blob));
                if (zeroPoints is not null)
                {
                    PackOne(zeroPoints.AsSpan(row * zpBytesPerRow, zpBytesPerRow), b, zp, bits);
                }
            }
        }

        return new PackedWeight(n, k, bits, blockSize, packed, scales, zeroPoints);
    }

    private static (float Scale, byte ZeroPoint) Symmetric(ReadOnlySpan<float> values, int bits, byte[] codes)
    {
        var qmax = (1 << (bits - 1)) - 1;
        var zp = 1 << (bits - 1);
        var max = 0f;
        foreach (var v in values)
        {
            max = MathF.Max(max, MathF.Abs(v));
        }

        var scale = max / qmax;
        for (var i = 0; i < values.Length; i++)
        {
            var q = scale > 0 ? Math.Clamp(MathF.Round(values[i] / scale, MidpointRounding.ToEven), -qmax, qmax) : 0f;
            codes[i] = (byte)(zp + (int)q);
        }

        return (scale, (byte)zp);
    }

    private static (float Scale, byte ZeroPoint) Asymmetric(ReadOnlySpan<float> values, int bits, byte[] codes)
    {
        var top = (1 << bits) - 1;
        float min = 0f, max = 0f;
        foreach (var v in values)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }

        var scale = (max - min) / top;
        var zp = scale > 0 ? (int)Math.Clamp(MathF.Round(-min / scale, MidpointRounding.ToEven), 0f, top) : 0;
        for (var i = 0; i < values.Length; i++)
        {
            var q = scale > 0 ? MathF.Round(values[i] / scale, MidpointRounding.ToEven) + zp : zp;
            codes[i] = (byte)Math.Clamp(q, 0f, top);
        }

        return (scale, (byte)zp);
    }

    private static void Pack(byte[] codes, int bits, Span<byte> blob)
    {
        blob.Clear();
        for (var i = 0; i < codes.Length; i++)
        {
            PackOne(blob, i, codes[i], bits);
        }
    }

    // Element i of a bits-wide stream, low bits first.
    private static void PackOne(Span<byte> bytes, int i, byte code, int bits)
    {
        var bit = i * bits;
        bytes[bit / 8] |= (byte)(code << (bit % 8));
    }
}
