namespace ModelCompress.Engine.IO;

/// <summary>
/// Scratch files and folders the engine must put in the system temporary folder (ONNX Runtime writes an optimized model
/// only to a path; a model over 2 GB reaches it only as files; a staging folder stands in when the cache cannot be
/// written; external-data snapshots). They are named <c>modelcompress-scratch-*</c> so a build killed before it deleted
/// one can be recognised: the cache sweep removes them once they are older than an hour.
/// </summary>
public static class EngineTemp
{
    private const string Prefix = "modelcompress-scratch-";

    /// <summary>A fresh path in the system temporary folder ending in <paramref name="extension"/> (e.g. ".onnx").</summary>
    public static string NewPath(string extension) => Path.Combine(Path.GetTempPath(), $"{Prefix}{Guid.NewGuid():N}{extension}");

    /// <summary>A fresh, empty folder in the system temporary folder.</summary>
    public static string NewFolder() => Directory.CreateDirectory(NewPath(string.Empty)).FullName;

    /// <summary>Removes scratch files and folders last written before <paramref name="cutoff"/>; returns how many.</summary>
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

            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*").ToList())
            {
                if (Caching.CacheSweeper.NewestWrite(folder) < cutoff && !Caching.HeldFolder.IsHeld(folder))
                {
                    Directory.Delete(folder, recursive: true);
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
