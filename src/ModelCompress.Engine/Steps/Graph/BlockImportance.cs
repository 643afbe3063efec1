namespace ModelCompress.Engine.Steps.Graph;

/// <summary>How FFN neurons and attention heads are ranked: one weight's share of its unit's score, or a seeded order.</summary>
internal static class BlockImportance
{
    /// <summary>|w| for L1, w² for L2 (the square root would not change the order).</summary>
    public static double Of(float value, PruneImportance importance) =>
        importance == PruneImportance.L2 ? (double)value * value : Math.Abs(value);

    /// <summary>
    /// A random order fixed by the run's seed and the block's index. Not HashCode.Combine: its seed changes with
    /// every process, so the same config would remove other units on each build.
    /// </summary>
    public static double[] Random(int count, int seed, int block)
    {
        var random = new System.Random(unchecked((seed * 1_000_003) + block) & int.MaxValue);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
    }
}
