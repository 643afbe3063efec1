using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ModelCompress.Build.Tests.Support;

/// <summary>Reads the manifest resource names of a built assembly without loading it.</summary>
internal static class AssemblyResources
{
    /// <summary>Every manifest resource name in <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<string> Names(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToArray();
    }
}
