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
    /// The folder of the app's output (and publish) folder that models with external data are copied to, relative to it;
    /// "." or empty for the output folder itself.
    /// </summary>
    public string ModelsOutputFolder { get; set; } = "models";

    /// <summary>
    /// The compressed models: item spec is the absolute .onnx path; metadata <c>ModelName</c>,
    /// <c>LogicalName</c> (manifest resource name) and <c>AccessorName</c> (a valid C# identifier). A model with
    /// external data also has <c>ExternalData</c> = true and <c>FileTargetPath</c> (its path in the output folder):
    /// it is shipped as <see cref="ModelFiles"/>, not embedded.
    /// </summary>
    [Output]
    public ITaskItem[] Models { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// The files of the models with external data, each .onnx with its data files: item spec is the absolute path,
    /// metadata <c>TargetPath</c> and <c>Link</c> its path in the output folder, <c>ModelName</c> its model.
    /// </summary>
    [Output]
    public ITaskItem[] ModelFiles { get; private set; } = Array.Empty<ITaskItem>();

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

        if (!ShippedModelFiles.IsValidFolder(ModelsOutputFolder))
        {
            Log.LogError(null, TaskDiagnostics.InvalidParameter, null, null, 0, 0, 0, 0,
                "ModelCompressModelsOutputFolder '{0}' is not a folder inside the output folder; set a relative path such as models.", ModelsOutputFolder);
            return false;
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
        var files = new List<ITaskItem>();
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
            if (model.HasExternalData)
            {
                Ship(model, item, files);
            }

            items.Add(item);
        }

        ModelFiles = files.ToArray();
        return items.ToArray();
    }

    // The .onnx and its data files go to the output folder, where ONNX Runtime opening the .onnx by path finds the data.
    private void Ship(ManifestModel model, TaskItem item, List<ITaskItem> files)
    {
        var dataFiles = ShippedModelFiles.RelativeDataFiles(model, out var problem);
        if (problem != null)
        {
            Log.LogError(null, TaskDiagnostics.ExternalDataNotShippable, null, ManifestFile, 0, 0, 0, 0,
                "Model '{0}' cannot be copied to the output folder: {1}. Delete the manifest and rebuild, so the engine writes the model again.",
                model.Name, problem);
            return;
        }

        var target = ShippedModelFiles.TargetPath(ModelsOutputFolder, Path.GetFileName(model.File));
        item.SetMetadata("ExternalData", "true");
        item.SetMetadata("FileTargetPath", MSBuildEscape.Escape(target));
        files.Add(ShippedFile(model, model.File, target));
        var targetFolder = Path.GetDirectoryName(target) ?? string.Empty;
        foreach (var relative in dataFiles)
        {
            files.Add(ShippedFile(model, Path.Combine(Path.GetDirectoryName(model.File)!, relative), ShippedModelFiles.TargetPath(targetFolder, relative)));
        }
    }

    private static ITaskItem ShippedFile(ManifestModel model, string source, string target)
    {
        var file = new TaskItem(MSBuildEscape.Escape(source));
        file.SetMetadata("TargetPath", MSBuildEscape.Escape(target));
        file.SetMetadata("Link", MSBuildEscape.Escape(target));
        file.SetMetadata("ModelName", MSBuildEscape.Escape(model.Name));
        return file;
    }
}
