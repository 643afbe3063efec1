namespace ModelCompress.Build.Tasks.Internal;

/// <summary>One nested accessor class: its C# name, the model it opens and where that model is.</summary>
/// <param name="MemberName">A valid C# identifier, unique within the accessor class.</param>
/// <param name="ModelName">The model's key in compression.yaml.</param>
/// <param name="ResourceName">The manifest resource name in the built assembly.</param>
/// <param name="FilePath">
/// For a model with external data, shipped as files rather than embedded: its path relative to the app's folder
/// (<c>models/digits.onnx</c>); null for an embedded model.
/// </param>
internal sealed record AccessorEntry(string MemberName, string ModelName, string ResourceName, string? FilePath = null);
