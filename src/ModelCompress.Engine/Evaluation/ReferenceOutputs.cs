namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// The first output of a model for every evaluated row, flattened row-major ([Rows, Width]); the reference the
/// compressed model is compared with.
/// </summary>
public sealed record ReferenceOutputs(float[] Values, int Rows, int Width)
{
    /// <summary>The values of one row.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Width, Width);

    /// <summary>The index of the largest value of <paramref name="row"/> (first on ties).</summary>
    public int ArgMax(int row) => ArgMax(Row(row));

    /// <summary>The argmax of every row.</summary>
    public int[] ArgMaxAll()
    {
        var result = new int[Rows];
        for (var r = 0; r < Rows; r++)
        {
            result[r] = ArgMax(r);
        }

        return result;
    }

    /// <summary>The index of the largest value (first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
