namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// The output folder holds one <c>&lt;model&gt;.onnx</c> per model of the config. After a run of every model, a model
/// file whose model is no longer in the config is removed, so a build never packs a model that was deleted; and
/// temporary files a killed run left (<c>.name.guid.tmp</c>) are removed once they are an hour old.
/// </summary>
internal static class OrphanedOutputs
{
    public static void Remove(string outputDirectory, IEnumerable<string> modelNames)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return;
        }

        var current = modelNames.Select(n => n + ".onnx").ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(outputDirectory, "*.onnx").Where(f => !current.Contains(Path.GetFileName(f))).ToList())
        {
            File.Delete(file);
            File.Delete(file + ".data"); // its external data, when it had some (no error when absent)
        }

        var cutoff = DateTime.UtcNow - Caching.CacheSweeper.StaleAfter;
        foreach (var temp in Directory.EnumerateFiles(outputDirectory, Onnx.Files.TemporaryName.Pattern).Where(f => File.GetLastWriteTimeUtc(f) < cutoff).ToList())
        {
            File.Delete(temp);
        }
    }
}
