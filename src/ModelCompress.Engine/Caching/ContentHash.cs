using System.IO.Hashing;
using System.Text;

namespace ModelCompress.Engine.Caching;

/// <summary>
/// Content hashes for cache keys: XxHash128, fast and stable across machines. Keys are not a security boundary
/// (the cache lives in the user's own obj/ or a folder they trust), so a non-cryptographic hash is enough.
/// </summary>
public static class ContentHash
{
    public static string OfBytes(ReadOnlySpan<byte> bytes) => ToHex(XxHash128.Hash(bytes));

    public static string OfText(string text) => OfBytes(Encoding.UTF8.GetBytes(text));

    public static string OfFile(string path)
    {
        var hash = new XxHash128();
        using var stream = File.OpenRead(path);
        hash.Append(stream);
        return ToHex(hash.GetCurrentHash());
    }

    /// <summary>Hashes parts with their lengths, so ("ab","c") and ("a","bc") differ.</summary>
    public static string OfParts(params string[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return OfText(builder.ToString());
    }

    private static string ToHex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
