namespace ModelCompress.Build.Tasks.Internal;

/// <summary>One compressed model as the engine's manifest lists it.</summary>
internal sealed class ManifestModel
{
    public ManifestModel(string name, string file, string? resourceName, string? accessorName)
    {
        Name = name;
        File = file;
        ResourceName = resourceName;
        AccessorName = accessorName;
    }

    /// <summary>The model's key in compression.yaml.</summary>
    public string Name { get; }

    /// <summary>Absolute path of the compressed .onnx file.</summary>
    public string File { get; }

    /// <summary>The manifest resource name the engine asks for, or null to let the build choose.</summary>
    public string? ResourceName { get; }

    /// <summary>The accessor class name the engine asks for, or null to derive it from <see cref="Name"/>.</summary>
    public string? AccessorName { get; }
}
