namespace ModelCompress.Engine.IO;

/// <summary>
/// Scratch files the engine must put in the system temporary folder (ONNX Runtime writes an optimized model only to
/// a path). They are named <c>modelcompress-scratch-*</c> so a build killed before it deleted one can be recognised:
/// the cache sweep removes them once they are older than an hour.
/// </summary>
public static class EngineTemp
{
    private const string Prefix = "modelcompress-scratch-";

    /// <summary>A fresh path in the system temporary folder ending in <paramref name="extension"/> (e.g. ".onnx").</summary>
    public static string NewPath(string extension) => Path.Combine(Path.GetTempPath(), $"{Prefix}{Guid.NewGuid():N}{extension}");

    /// <summary>Removes scratch files last written before <paramref name="cutoff"/>; returns how many.</summary>
    public static int Sweep(DateTime cutoff)
    {
        var removed = 0;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), Prefix + "*").ToList())
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                    removed++;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Someone else's temporary folder rules: what cannot be removed now is tried again next time.
        }

        return removed;
    }
}
