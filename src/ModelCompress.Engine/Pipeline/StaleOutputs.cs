using System.Text.Json;
using ModelCompress.Engine.Manifest;
using ModelCompress.Onnx.Files;

namespace ModelCompress.Engine.Pipeline;

/// <summary>
/// Removes the model files the previous run wrote (as its manifest and report.json list them) before a new run
/// starts, so a run that fails early — a bad config, an internal error — cannot leave the last run's model in the
/// output folder looking current without a report. Only files inside the output folder are touched.
/// </summary>
internal static class StaleOutputs
{
    public static void Remove(string manifestPath, string outputDirectory)
    {
        var folder = Path.GetFullPath(outputDirectory);
        foreach (var file in Listed(manifestPath, Path.Combine(folder, "report.json")))
        {
            var full = Path.GetFullPath(Path.Combine(folder, file));
            if (!SafeFile.IsInside(full, folder) || !full.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || !File.Exists(full))
            {
                continue;
            }

            try
            {
                File.Delete(full);
                File.Delete(full + ".data"); // its external data, when it had some
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CompressionException(IO.PathDiagnostics.StaleOutput(full, e.Message));
            }
        }
    }

    private static SortedSet<string> Listed(string manifestPath, string reportPath)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(manifestPath))
            {
                files.UnionWith(BuildManifest.Read(manifestPath).Models.Select(m => m.File));
            }
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // A damaged manifest lists nothing; the report (or the next successful run) covers its models.
        }

        try
        {
            if (File.Exists(reportPath))
            {
                using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
                files.UnionWith(Outputs(report.RootElement));
            }
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // Same as above.
        }

        return files;
    }

    private static IEnumerable<string> Outputs(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || Property(root, "models") is not { ValueKind: JsonValueKind.Array } models)
        {
            yield break;
        }

        foreach (var model in models.EnumerateArray())
        {
            if (model.ValueKind == JsonValueKind.Object && Property(model, "output") is { ValueKind: JsonValueKind.String } output)
            {
                yield return output.GetString()!;
            }
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.EnumerateObject().Where(p => p.NameEquals(name) || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(p => (JsonElement?)p.Value).FirstOrDefault();
}
