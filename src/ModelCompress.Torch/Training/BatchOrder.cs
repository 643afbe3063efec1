namespace ModelCompress.Torch.Training;

/// <summary>
/// The row order of each epoch: a Fisher–Yates shuffle driven by a seeded <see cref="Random"/>. A seeded
/// System.Random uses the same (legacy) generator on every .NET version, so the order never varies.
/// </summary>
public static class BatchOrder
{
    /// <summary>A permutation of 0..count-1 drawn from <paramref name="random"/>.</summary>
    public static int[] Shuffle(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
