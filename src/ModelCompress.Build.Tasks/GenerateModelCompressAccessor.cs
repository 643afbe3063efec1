using System.Text;
using ModelCompress.Build.Tasks.Internal;
using ModelCompress.Naming;

namespace ModelCompress.Build.Tasks;

/// <summary>
/// Writes the typed accessor (<c>CompressedModels.Digits.OpenStream()</c>, <c>CompressedModels.All</c>) for the
/// models read by <see cref="ReadModelCompressManifest"/>. The file is only rewritten when its text changes, so
/// an unchanged build does not recompile.
/// </summary>
public sealed class GenerateModelCompressAccessor : Task
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The models, with <c>ModelName</c>, <c>LogicalName</c> and <c>AccessorName</c> metadata (a model shipped as files
    /// also <c>ExternalData</c> and <c>FileTargetPath</c>: its class gets <c>FilePath</c> instead). Not required: a config
    /// with no models still gets a class (MSBuild treats an empty list as an unset required parameter).
    /// </summary>
    public ITaskItem[] Models { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Absolute path of the .cs file to write.</summary>
    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>The accessor class name (<c>$(ModelCompressAccessorClass)</c>).</summary>
    [Required]
    public string ClassName { get; set; } = string.Empty;

    /// <summary>The accessor's namespace (<c>$(ModelCompressAccessorNamespace)</c>); empty for the global one.</summary>
    public string? Namespace { get; set; }

    /// <summary>The file written (also when it was already up to date).</summary>
    [Output]
    public string? GeneratedFile { get; private set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!AccessorNaming.IsValidIdentifier(ClassName))
        {
            Log.LogError(null, TaskDiagnostics.InvalidParameter, null, null, 0, 0, 0, 0,
                "ModelCompressAccessorClass '{0}' is not a valid C# identifier; choose a name such as CompressedModels.", ClassName);
        }

        if (!string.IsNullOrEmpty(Namespace) && !IsValidNamespace(Namespace!))
        {
            Log.LogError(null, TaskDiagnostics.InvalidParameter, null, null, 0, 0, 0, 0,
                "ModelCompressAccessorNamespace '{0}' is not a valid C# namespace; set it to dotted identifiers such as MyApp.Models.", Namespace);
        }

        var entries = new List<AccessorEntry>();
        foreach (var model in Models)
        {
            var member = model.GetMetadata("AccessorName");
            if (AccessorNaming.IsReserved(member, ClassName))
            {
                Log.LogError(null, TaskDiagnostics.AccessorNameClash, null, null, 0, 0, 0, 0,
                    "Model '{0}' would get the accessor name '{1}', which the class {2} already uses; rename the model in compression.yaml.",
                    model.GetMetadata("ModelName"), member, ClassName);
                continue;
            }

            var filePath = model.GetMetadata("ExternalData") == "true" ? model.GetMetadata("FileTargetPath") : null;
            entries.Add(new AccessorEntry(member, model.GetMetadata("ModelName"), model.GetMetadata("LogicalName"), filePath));
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var text = AccessorSource.Write(Namespace, ClassName, entries);
        try
        {
            if (!File.Exists(OutputFile) || File.ReadAllText(OutputFile, Utf8NoBom) != text)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(OutputFile)!);
                File.WriteAllText(OutputFile, text, Utf8NoBom);
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError(null, TaskDiagnostics.AccessorWriteFailed, null, OutputFile, 0, 0, 0, 0,
                "Cannot write the model accessor: {0}. Check that the obj folder is writable.", e.Message);
            return false;
        }

        GeneratedFile = OutputFile;
        return true;
    }

    private static bool IsValidNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!AccessorNaming.IsValidIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }
}
