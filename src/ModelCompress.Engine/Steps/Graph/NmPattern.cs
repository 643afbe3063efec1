namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// The N:M pattern itself: choosing which weights of each group of m to zero, and checking that a tensor obeys it
/// (at most n non-zeros in every group of m consecutive weights along the input axis).
/// </summary>
public static class NmPattern
{
    /// <summary>
    /// Flags, in every group, the m − n weights of smallest magnitude for removal; equal magnitudes are broken by
    /// position (the earlier one goes first), so the result never varies. The input length must be a multiple of m.
    /// </summary>
    public static bool[] Select(ReadOnlySpan<float> values, NmLayout layout, int n, int m)
    {
        var prune = new bool[values.Length];
        var order = new int[m];
        var magnitudes = new float[m];
        for (long o = 0; o < layout.Outer; o++)
        {
            for (long i = 0; i < layout.Inner; i++)
            {
                for (long start = 0; start < layout.Length; start += m)
                {
                    for (var k = 0; k < m; k++)
                    {
                        order[k] = k;
                        magnitudes[k] = MathF.Abs(values[(int)layout.Index(o, start + k, i)]);
                    }

                    // Stable: ascending magnitude, then position.
                    Array.Sort(order, (a, b) => magnitudes[a] != magnitudes[b] ? magnitudes[a].CompareTo(magnitudes[b]) : a.CompareTo(b));
                    for (var k = 0; k < m - n; k++)
                    {
                        prune[layout.Index(o, start + order[k], i)] = true;
                    }
                }
            }
        }

        return prune;
    }

    /// <summary>How many groups of m hold more than n non-zeros (0 when the pattern holds).</summary>
    public static long Violations(ReadOnlySpan<float> values, NmLayout layout, int n, int m)
    {
        long broken = 0;
        for (long o = 0; o < layout.Outer; o++)
        {
            for (long i = 0; i < layout.Inner; i++)
            {
                for (long start = 0; start + m <= layout.Length; start += m)
                {
                    var nonZeros = 0;
                    for (var k = 0; k < m; k++)
                    {
                        nonZeros += values[(int)layout.Index(o, start + k, i)] != 0 ? 1 : 0;
                    }

                    broken += nonZeros > n ? 1 : 0;
                }
            }
        }

        return broken;
    }

    /// <summary>
    /// Checks the named weights of a model (as written by the N:M step, or after training): the groups of each that
    /// break the pattern, keyed by weight name; empty when all hold. A weight missing from the model counts as broken.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Check(OnnxModel model, IEnumerable<string> weights, int n, int m)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var broken = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in weights)
        {
            var user = graph.Consumers(name).FirstOrDefault(c => c.Input(1) == name);
            if (user is null || !graph.TryGetInitializer(name, out var tensor) || NmLayout.Of(user, tensor.Dims).Layout is not { } layout)
            {
                broken[name] = -1;
                continue;
            }

            var count = Violations(tensor.ToFloatArray(), layout, n, m);
            if (count > 0)
            {
                broken[name] = count;
            }
        }

        return broken;
    }
}
