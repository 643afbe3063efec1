using ModelCompress.Build.Tasks.Internal;
using ModelCompress.Naming;

namespace ModelCompress.Build.Tasks;

/// <summary>
/// Reads the engine's manifest.json into items: one per compressed model (with its resource and accessor
/// names), plus the reports. Cheap, so the build runs it every time, also when the engine was skipped.
/// </summary>
public sealed class ReadModelCompressManifest : Task
{
    /// <summary>The manifest written by the engine; a missing file yields no items.</summary>
    [Required]
    public string ManifestFile { get; set; } = string.Empty;

    /// <summary>Prefix of the resource name of a model the manifest gives none, e.g. <c>MyApp.Models.</c>.</summary>
    public string ResourcePrefix { get; set; } = "Models.";

    /// <summary>
    /// The compressed models: item spec is the absolute .onnx path; metadata <c>ModelName</c>,
    /// <c>LogicalName</c> (manifest resource name) and <c>AccessorName</c> (a valid C# identifier).
    /// </summary>
    [Output]
    public ITaskItem[] Models { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>The report files the engine wrote.</summary>
    [Output]
    public ITaskItem[] Reports { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(ManifestFile))
        {
            return true;
        }

        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.Parse(File.ReadAllText(ManifestFile));
        }
        catch (Exception e) when (e is FormatException || e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError(null, TaskDiagnostics.ManifestInvalid, null, ManifestFile, 0, 0, 0, 0,
                "Cannot read the engine manifest: {0}. Delete the file and rebuild; if it comes back, the engine and ModelCompress.Build versions differ.",
                e.Message);
            return false;
        }

        Models = ToItems(manifest.Models);
        Reports = manifest.Reports.Select(path => (ITaskItem)new TaskItem(MSBuildEscape.Escape(path))).ToArray();
        return !Log.HasLoggedErrors;
    }

    private ITaskItem[] ToItems(IReadOnlyList<ManifestModel> models)
    {
        var items = new List<ITaskItem>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            var accessor = model.AccessorName != null && AccessorNaming.IsValidIdentifier(model.AccessorName)
                ? model.AccessorName
                : AccessorNaming.AccessorName(model.AccessorName ?? model.Name);
            if (owners.TryGetValue(accessor, out var other))
            {
                Log.LogError(null, TaskDiagnostics.AccessorNameClash, null, ManifestFile, 0, 0, 0, 0,
                    "Models '{0}' and '{1}' both map to the accessor name '{2}'; rename one of them in compression.yaml.",
                    other, model.Name, accessor);
                continue;
            }

            owners.Add(accessor, model.Name);
            var item = new TaskItem(MSBuildEscape.Escape(model.File));
            item.SetMetadata("ModelName", MSBuildEscape.Escape(model.Name));
            item.SetMetadata("LogicalName", MSBuildEscape.Escape(model.ResourceName ?? AccessorNaming.ResourceName(ResourcePrefix, model.Name)));
            item.SetMetadata("AccessorName", accessor);
            items.Add(item);
        }

        return items.ToArray();
    }
}
