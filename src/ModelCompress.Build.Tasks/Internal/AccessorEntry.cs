namespace ModelCompress.Build.Tasks.Internal;

/// <summary>One nested accessor class: its C# name, the model it opens and that model's resource name.</summary>
/// <param name="MemberName">A valid C# identifier, unique within the accessor class.</param>
/// <param name="ModelName">The model's key in compression.yaml.</param>
/// <param name="ResourceName">The manifest resource name in the built assembly.</param>
internal sealed record AccessorEntry(string MemberName, string ModelName, string ResourceName);
