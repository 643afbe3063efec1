namespace ModelCompress.Build.Tasks.Internal;

/// <summary>One compressed model as the engine's manifest lists it.</summary>
/// <param name="Name">The model's key in compression.yaml.</param>
/// <param name="File">Absolute path of the compressed .onnx file.</param>
/// <param name="ResourceName">The manifest resource name the engine asks for, or null to let the build choose.</param>
/// <param name="AccessorName">The accessor class name the engine asks for, or null to derive it from <paramref name="Name"/>.</param>
/// <param name="DataFiles">Absolute paths of the model's external-data files (beside <paramref name="File"/>); empty when its weights are inline.</param>
internal sealed record ManifestModel(string Name, string File, string? ResourceName, string? AccessorName, IReadOnlyList<string> DataFiles)
{
    /// <summary>Whether the model must be shipped as files (opened by path) rather than embedded.</summary>
    public bool HasExternalData => DataFiles.Count > 0;
}
