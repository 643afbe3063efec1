namespace ModelCompress.Onnx.Files;

/// <summary>
/// A private copy of an external-data file someone else owns, mapped instead of the original. A user's file can be
/// truncated or rewritten in place while a build reads it; through a mapping that is SIGBUS (a dead process), through
/// the copy it is at worst a short snapshot the length checks report. The copy is made by the kernel
/// (<see cref="File.Copy(string, string)"/>: no heap buffer, reflinked where the file system can), so memory stays
/// bounded at any size: the snapshot costs disk and reclaimable page cache, never heap. Copying into memory instead
/// would cost the whole model in heap, past 2 GB for the largest models.
/// </summary>
internal static class DataSnapshot
{
    /// <summary>Names the snapshots, so a sweep can recognise one that outlived its process (only where unlinking failed).</summary>
    public const string Prefix = "modelcompress-scratch-snapshot-";

    /// <summary>Copies <paramref name="file"/> into <paramref name="folder"/> and maps the copy.</summary>
    /// <exception cref="IOException">The copy could not be made (folder not writable, disk full).</exception>
    public static MappedDataFile Map(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, $"{Prefix}{Guid.NewGuid():N}.data");
        try
        {
            File.Copy(file, copy);
            return MappedDataFile.Open(copy);
        }
        finally
        {
            // On Unix an open mapping outlives the name: unlinked now, the copy's space is freed when the mapping is
            // collected, and a killed process leaves nothing behind. Windows refuses while mapped; the sweep takes it later.
            TryDelete(copy);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still mapped (Windows): left for the temporary-folder sweep.
        }
    }
}
