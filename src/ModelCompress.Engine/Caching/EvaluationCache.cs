using System.Runtime.InteropServices;
using System.Text.Json;
using ModelCompress.Engine.IO;

namespace ModelCompress.Engine.Caching;

/// <summary>
/// Measurements kept beside the step cache (<c>evaluations/&lt;key&gt;.json</c> and, for model outputs,
/// <c>&lt;key&gt;.bin</c>), keyed by the model's bytes, the rows, the evaluation settings and the machine's identity,
/// so an unchanged model is not re-measured on every build. <c>--remeasure</c> skips reading them. A file that cannot
/// be read back, or whose outputs do not match their hash, is simply measured again.
/// </summary>
public sealed class EvaluationCache(string root, bool remeasure)
{
    private readonly string _folder = Path.Combine(root, "evaluations");

    /// <summary>The stored value for <paramref name="key"/> and its outputs (empty when none were stored), or null.</summary>
    public (T Value, float[] Outputs)? TryGet<T>(string key)
    {
        if (remeasure)
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize<Entry<T>>(File.ReadAllText(Path.Combine(_folder, key + ".json")));
            if (entry is null || entry.Key != key || entry.Value is null)
            {
                return null;
            }

            var outputs = entry.OutputsHash is null ? [] : MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(_folder, key + ".bin"))).ToArray();
            return entry.OutputsHash is null || ContentHash.OfBytes(MemoryMarshal.AsBytes(outputs.AsSpan())) == entry.OutputsHash
                ? (entry.Value, outputs)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null; // Not there or unreadable: measure again.
        }
    }

    /// <summary>Stores a measurement; a write that fails only costs a re-measure next time.</summary>
    public void Put<T>(string key, T value, float[]? outputs = null)
    {
        try
        {
            Directory.CreateDirectory(_folder);
            string? hash = null;
            if (outputs is not null)
            {
                var bytes = MemoryMarshal.AsBytes(outputs.AsSpan());
                hash = ContentHash.OfBytes(bytes);
                AtomicFile.WriteAllBytes(Path.Combine(_folder, key + ".bin"), bytes);
            }

            AtomicFile.WriteAllText(Path.Combine(_folder, key + ".json"), JsonSerializer.Serialize(new Entry<T>(key, value, hash)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _ = e;
        }
    }

    private sealed record Entry<T>(string Key, T Value, string? OutputsHash);
}
