using System.Runtime.InteropServices;

namespace ModelCompress.Engine.Data;

/// <summary>
/// How many rows of one split are also rows of another (every shared input equal value for value): a search fed
/// the evaluation rows under another array name is found by content, not by name.
/// </summary>
public static class RowOverlap
{
    /// <summary>Rows of <paramref name="rows"/> that also appear among <paramref name="evaluation"/>'s rows.</summary>
    public static int Count(IReadOnlyDictionary<string, NdArray> rows, IReadOnlyDictionary<string, NdArray> evaluation)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(evaluation);
        var names = rows.Keys.Where(evaluation.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0 || names.Any(n => rows[n].RowSize != evaluation[n].RowSize))
        {
            return 0;
        }

        var left = names.Select(n => rows[n].ToFloat32()).ToList();
        var right = names.Select(n => evaluation[n].ToFloat32()).ToList();
        var sizes = names.Select(n => checked((int)rows[n].RowSize)).ToList();
        var byHash = new Dictionary<int, List<int>>();
        for (var r = 0; r < evaluation[names[0]].Rows; r++)
        {
            var hash = Hash(right, sizes, r);
            if (!byHash.TryGetValue(hash, out var list))
            {
                byHash[hash] = list = [];
            }

            list.Add(r);
        }

        var count = 0;
        for (var r = 0; r < rows[names[0]].Rows; r++)
        {
            // A hash match is confirmed value for value, so a collision never counts.
            if (byHash.TryGetValue(Hash(left, sizes, r), out var candidates) && candidates.Any(c => Equal(left, right, sizes, r, c)))
            {
                count++;
            }
        }

        return count;
    }

    private static int Hash(List<float[]> arrays, List<int> sizes, int row)
    {
        var hash = new HashCode();
        for (var i = 0; i < arrays.Count; i++)
        {
            hash.AddBytes(MemoryMarshal.AsBytes(arrays[i].AsSpan(row * sizes[i], sizes[i])));
        }

        return hash.ToHashCode();
    }

    private static bool Equal(List<float[]> left, List<float[]> right, List<int> sizes, int a, int b) =>
        Enumerable.Range(0, sizes.Count).All(i => left[i].AsSpan(a * sizes[i], sizes[i]).SequenceEqual(right[i].AsSpan(b * sizes[i], sizes[i])));
}
