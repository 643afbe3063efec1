using ModelCompress.Build.Tasks.Internal;
using ModelCompress.Naming;

namespace ModelCompress.Build.Tasks;

/// <summary>
/// Lists the models of compression.yaml without the engine: for design-time builds (the accessor exists before
/// the first real build) and for passthrough builds (the source models are embedded unchanged). Items carry the
/// same ModelName, LogicalName and AccessorName metadata as <see cref="ReadModelCompressManifest"/> gives.
/// </summary>
public sealed class ScanModelCompressConfig : Task
{
    /// <summary>compression.yaml.</summary>
    [Required]
    public string ConfigFile { get; set; } = string.Empty;

    /// <summary>Resource name prefix, e.g. <c>MyApp.Models.</c>.</summary>
    public string ResourcePrefix { get; set; } = string.Empty;

    /// <summary>One item per model: the source model's full path.</summary>
    [Output]
    public ITaskItem[] Models { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        string text;
        try
        {
            text = File.ReadAllText(ConfigFile);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError(null, TaskDiagnostics.ConfigScanFailed, null, ConfigFile, 0, 0, 0, 0,
                "Cannot read the configuration ({0}); check ModelCompressConfig.", e.Message);
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(ConfigFile)) ?? string.Empty;
        var items = new List<ITaskItem>();
        foreach (var model in ConfigModelScan.Scan(text))
        {
            if (model.Value == null)
            {
                Log.LogError(null, TaskDiagnostics.ConfigScanFailed, null, ConfigFile, 0, 0, 0, 0,
                    "Model '{0}' has no 'source:' this build could find without the engine; write it as 'source: path.onnx' under the model.",
                    model.Key);
                continue;
            }

            var item = new TaskItem(MSBuildEscape.Escape(Path.GetFullPath(Path.Combine(folder, model.Value))));
            item.SetMetadata("ModelName", MSBuildEscape.Escape(model.Key));
            item.SetMetadata("LogicalName", MSBuildEscape.Escape(AccessorNaming.ResourceName(ResourcePrefix, model.Key)));
            item.SetMetadata("AccessorName", AccessorNaming.AccessorName(model.Key));
            items.Add(item);
        }

        Models = items.ToArray();
        return !Log.HasLoggedErrors;
    }
}
