namespace ModelCompress.Build.Tasks.Internal;

/// <summary>One compressed model as the engine's manifest lists it.</summary>
/// <param name="Name">The model's key in compression.yaml.</param>
/// <param name="File">Absolute path of the compressed .onnx file.</param>
/// <param name="ResourceName">The manifest resource name the engine asks for, or null to let the build choose.</param>
/// <param name="AccessorName">The accessor class name the engine asks for, or null to derive it from <paramref name="Name"/>.</param>
internal sealed record ManifestModel(string Name, string File, string? ResourceName, string? AccessorName);
