using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ModelCompress.Torch.Backend;

/// <summary>
/// Where this engine's libtorch comes from. A repository build carries libtorch beside the engine (bundled); the
/// packed tool does not, and finds the ModelCompress.Tool.Training.&lt;rid&gt; package's <c>native/</c> folder
/// instead: named by MODELCOMPRESS_TRAINING_BACKEND, or in the NuGet packages folder at the engine's own version.
/// Locating only looks at files; nothing is loaded until a training step runs.
/// </summary>
public sealed class TrainingBackend
{
    /// <summary>The variable that names a folder holding the training backend's native files.</summary>
    public const string DirectoryVariable = "MODELCOMPRESS_TRAINING_BACKEND";

    private static readonly object Gate = new();
    private static string? _registered;

    private TrainingBackend(string? directory, bool bundled, string packageId, string version, string? problem)
    {
        Directory = directory;
        Bundled = bundled;
        PackageId = packageId;
        Version = version;
        Problem = problem;
    }

    /// <summary>The folder the natives load from; null when bundled or missing.</summary>
    public string? Directory { get; }

    /// <summary>True when libtorch sits beside the engine (a repository build).</summary>
    public bool Bundled { get; }

    /// <summary>The training package this engine needs, e.g. <c>ModelCompress.Tool.Training.linux-x64</c>.</summary>
    public string PackageId { get; }

    /// <summary>The package version: the engine's own.</summary>
    public string Version { get; }

    /// <summary>Why the backend is unusable, naming what was looked at; null when it is available.</summary>
    public string? Problem { get; }

    /// <summary>True when a training step can load libtorch.</summary>
    public bool IsAvailable => Problem is null;

    /// <summary>Locates the backend for this process (environment, engine folder, NuGet packages folder).</summary>
    public static TrainingBackend Locate() =>
        Locate(
            AppContext.BaseDirectory,
            Environment.GetEnvironmentVariable(DirectoryVariable),
            NuGetPackagesFolder(),
            EngineRuntimeIdentifier(),
            EngineVersion());

    /// <summary>The lookup itself, with every input explicit (tests).</summary>
    public static TrainingBackend Locate(string engineDirectory, string? variable, string? packagesFolder, string rid, string version)
    {
        var packageId = "ModelCompress.Tool.Training." + rid;
        var bridge = BridgeFileName();
        if (!string.IsNullOrEmpty(variable))
        {
            return File.Exists(Path.Combine(variable, bridge))
                ? new TrainingBackend(Path.GetFullPath(variable), false, packageId, version, null)
                : new TrainingBackend(null, false, packageId, version, $"{DirectoryVariable} is '{variable}', which has no {bridge}");
        }

        if (File.Exists(Path.Combine(engineDirectory, bridge)) ||
            File.Exists(Path.Combine(engineDirectory, "runtimes", rid, "native", bridge)))
        {
            return new TrainingBackend(null, true, packageId, version, null);
        }

        var packaged = packagesFolder is null
            ? null
            : Path.Combine(packagesFolder, packageId.ToLowerInvariant(), version.ToLowerInvariant(), "native");
        if (packaged is not null && File.Exists(Path.Combine(packaged, bridge)))
        {
            return new TrainingBackend(packaged, false, packageId, version, null);
        }

        return new TrainingBackend(null, false, packageId, version,
            $"this engine carries no libtorch, {DirectoryVariable} is not set, and {packaged ?? "the NuGet packages folder"} does not exist");
    }

    /// <summary>
    /// Makes TorchSharp's native loads find the backend folder: once per process, and only for names the
    /// default probing (the engine's deps.json) could not resolve.
    /// </summary>
    public void Register()
    {
        if (Directory is null)
        {
            return;
        }

        lock (Gate)
        {
            if (_registered is not null)
            {
                return;
            }

            _registered = Directory;
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
        }
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        var directory = _registered;
        if (directory is null)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { name, "lib" + name + ".so", name + ".dll", "lib" + name + ".dylib", name + ".so" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return NativeLibrary.Load(path);
            }
        }

        return IntPtr.Zero;
    }

    private static string BridgeFileName() =>
        OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";

    /// <summary>
    /// The NuGet packages folder: MODELCOMPRESS_PACKAGES (the build's $(NuGetPackageRoot)), else the way NuGet
    /// finds it by default: NUGET_PACKAGES, else ~/.nuget/packages.
    /// </summary>
    private static string? NuGetPackagesFolder()
    {
        var variable = Environment.GetEnvironmentVariable("MODELCOMPRESS_PACKAGES");
        if (string.IsNullOrEmpty(variable))
        {
            variable = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        }
        if (!string.IsNullOrEmpty(variable))
        {
            return variable;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "packages");
    }

    /// <summary>The RID the tool package was built for, else this process's portable RID.</summary>
    private static string EngineRuntimeIdentifier()
    {
        var packed = EngineMetadata("ModelCompressToolRuntimeIdentifier");
        return !string.IsNullOrEmpty(packed) && packed != "any" ? packed : RuntimeInformation.RuntimeIdentifier;
    }

    private static string EngineVersion()
    {
        var version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(TrainingBackend).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static string? EngineMetadata(string key) =>
        Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
