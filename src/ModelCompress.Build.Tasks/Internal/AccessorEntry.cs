namespace ModelCompress.Build.Tasks.Internal;

/// <summary>One nested accessor class: its C# name, the model it opens and that model's resource name.</summary>
internal sealed class AccessorEntry
{
    public AccessorEntry(string memberName, string modelName, string resourceName)
    {
        MemberName = memberName;
        ModelName = modelName;
        ResourceName = resourceName;
    }

    /// <summary>A valid C# identifier, unique within the accessor class.</summary>
    public string MemberName { get; }

    /// <summary>The model's key in compression.yaml.</summary>
    public string ModelName { get; }

    /// <summary>The manifest resource name in the built assembly.</summary>
    public string ResourceName { get; }
}
