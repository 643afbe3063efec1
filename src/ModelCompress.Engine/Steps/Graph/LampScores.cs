namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// Layer-adaptive magnitude scores (LAMP, Lee et al., ICLR 2021): with a layer's weights sorted by magnitude,
/// score(u) = w_u² / Σ_{v ≥ u} w_v². The largest weight of every layer scores 1, so a single global threshold on
/// these scores can never empty a layer, and a layer's scores do not depend on its overall scale (what BN folding
/// changes), only on the shape of its magnitude distribution.
/// </summary>
internal static class LampScores
{
    public static double[] Of(float[] magnitudes)
    {
        var order = Enumerable.Range(0, magnitudes.Length).ToArray();
        Array.Sort(order, (a, b) => magnitudes[a] != magnitudes[b] ? magnitudes[a].CompareTo(magnitudes[b]) : a.CompareTo(b));
        var scores = new double[magnitudes.Length];
        double tail = 0;
        for (var u = order.Length - 1; u >= 0; u--)
        {
            var square = (double)magnitudes[order[u]] * magnitudes[order[u]];
            tail += square;
            scores[order[u]] = tail == 0 ? 0 : square / tail;
        }

        return scores;
    }
}
