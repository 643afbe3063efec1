using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ModelCompress.Build.Tests.Support;

/// <summary>Reads the manifest resources of a built assembly without loading it.</summary>
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

    /// <summary>The bytes of the embedded resource <paramref name="name"/> in <paramref name="assemblyPath"/>.</summary>
    public static byte[] Bytes(string assemblyPath, string name)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var resource = metadata.ManifestResources.Select(metadata.GetManifestResource).Single(r => metadata.GetString(r.Name) == name);
        var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        var reader = section.GetReader(checked((int)resource.Offset), section.Length - checked((int)resource.Offset));
        var length = reader.ReadInt32();
        return reader.ReadBytes(length);
    }
}
