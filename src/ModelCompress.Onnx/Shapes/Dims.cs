namespace ModelCompress.Onnx.Shapes;

/// <summary>Arithmetic on dimensions that keeps symbolic names where the result is still that name.</summary>
internal static class Dims
{
    /// <summary>Numpy broadcast of two shapes; null when they cannot broadcast or a rank is unknown.</summary>
    public static OnnxDim[]? Broadcast(IReadOnlyList<OnnxDim>? a, IReadOnlyList<OnnxDim>? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var rank = Math.Max(a.Count, b.Count);
        var result = new OnnxDim[rank];
        for (var i = 0; i < rank; i++)
        {
            var x = i < rank - a.Count ? OnnxDim.Of(1) : a[i - (rank - a.Count)];
            var y = i < rank - b.Count ? OnnxDim.Of(1) : b[i - (rank - b.Count)];
            result[i] = BroadcastOne(x, y);
        }

        return result;
    }

    /// <summary>Product of dims: known when all are known; the symbol itself when only one symbolic dim times 1s.</summary>
    public static OnnxDim Product(IEnumerable<OnnxDim> dims)
    {
        long known = 1;
        var symbols = new List<OnnxDim>();
        foreach (var d in dims)
        {
            if (d.Value is { } v)
            {
                known = checked(known * v);
            }
            else
            {
                symbols.Add(d);
            }
        }

        return symbols.Count switch
        {
            0 => OnnxDim.Of(known),
            1 when known == 1 => symbols[0],
            _ => OnnxDim.Unknown,
        };
    }

    /// <summary>Normalizes a possibly negative axis against a rank.</summary>
    public static int Axis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);

    /// <summary>Output size of a sliding window (Conv, pools) along one axis, with ONNX's auto_pad rules.</summary>
    public static OnnxDim Window(OnnxDim input, long kernel, long stride, long dilation, long padBegin, long padEnd, string autoPad, bool ceil)
    {
        if (input.Value is not { } n)
        {
            return OnnxDim.Unknown;
        }

        var effective = dilation * (kernel - 1) + 1;
        switch (autoPad)
        {
            case "SAME_UPPER" or "SAME_LOWER":
                return OnnxDim.Of((n + stride - 1) / stride);
            case "VALID":
                return OnnxDim.Of(((n - effective) / stride) + 1);
        }

        var span = n + padBegin + padEnd - effective;
        var steps = ceil ? (span + stride - 1) / stride : span / stride;
        if (ceil && steps * stride >= n + padBegin)
        {
            // ONNX drops a last window that would start entirely in the end padding.
            steps--;
        }

        return OnnxDim.Of(steps + 1);
    }

    private static OnnxDim BroadcastOne(OnnxDim x, OnnxDim y)
    {
        if (x.Value == 1)
        {
            return y;
        }

        if (y.Value == 1 || x == y)
        {
            return x;
        }

        if (x.IsKnown && !y.IsKnown)
        {
            return x;
        }

        return !x.IsKnown && y.IsKnown ? y : OnnxDim.Unknown;
    }
}
