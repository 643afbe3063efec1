namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// Where restore puts the engine packages in the NuGet packages folder: the RID-specific tool package
/// (<c>ModelCompress.Tool.&lt;rid&gt;</c>, its engine under <c>tools/net10.0/&lt;rid&gt;/</c>) and the training
/// backend (<c>ModelCompress.Tool.Training.&lt;rid&gt;</c>, its files under <c>native/</c>).
/// </summary>
internal static class EnginePackages
{
    /// <summary>The engine's target framework folder inside the tool package.</summary>
    public const string ToolFramework = "net10.0";

    /// <summary><c>root/id/version/</c> the way NuGet lays packages out (lower-case id and version).</summary>
    public static string Folder(string packagesRoot, string packageId, string version) =>
        Path.Combine(packagesRoot, packageId.ToLowerInvariant(), version.ToLowerInvariant());

    /// <summary>The tool package id for a RID: <c>ModelCompress.Tool.linux-x64</c>.</summary>
    public static string ToolPackageId(string basePackageId, string rid) => basePackageId + "." + rid;

    /// <summary>The engine .dll restore should have extracted; null when it is not there.</summary>
    public static string? RestoredEngine(string packagesRoot, string basePackageId, string rid, string version)
    {
        var dll = Path.Combine(Folder(packagesRoot, ToolPackageId(basePackageId, rid), version), "tools", ToolFramework, rid, "modelcompress.dll");
        return File.Exists(dll) ? dll : null;
    }

    /// <summary>
    /// True when <c>dotnet tool restore</c> has put the tool's top-level package of this version in the packages
    /// folder (the RID package alone may come from ModelCompress.Build's own download, which dotnet tool run ignores).
    /// </summary>
    public static bool LocalToolRestored(string packagesRoot, string basePackageId, string version) =>
        Directory.Exists(Folder(packagesRoot, basePackageId, version));

    /// <summary>The training backend's <c>native/</c> folder; null when it was not restored.</summary>
    public static string? TrainingBackend(string packagesRoot, string trainingPackageId, string version)
    {
        var native = Path.Combine(Folder(packagesRoot, trainingPackageId, version), "native");
        return Directory.Exists(native) ? native : null;
    }

    /// <summary>Joins a root that may or may not end with a separator.</summary>
    public static string Normalize(string packagesRoot) =>
        packagesRoot.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
}
