namespace ModelCompress.Engine.Config;

/// <summary>Suggests the known key closest to a misspelt one (optimal string alignment distance), when it is close.</summary>
internal static class DidYouMean
{
    public static string? Suggest(string key, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k)))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(1, Math.Min(3, key.Length / 3)) ? best.Key : null;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
