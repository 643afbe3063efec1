namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// Finds the engine that restore fetched (or that a local tool manifest pins) and says, with an MC52xx code, what
/// is wrong and how to fix it when it is not there: a download problem must never look like an engine bug.
/// </summary>
internal sealed class EngineLookup
{
    private readonly TaskLoggingHelper _log;
    private readonly string _packageId;
    private readonly string _version;
    private readonly string _rid;
    private readonly string? _root;

    public EngineLookup(TaskLoggingHelper log, string packageId, string version, string rid, string? packagesRoot)
    {
        _log = log;
        _packageId = packageId;
        _version = version;
        _rid = string.IsNullOrEmpty(rid) ? "any" : rid;
        _root = string.IsNullOrEmpty(packagesRoot) ? null : EnginePackages.Normalize(packagesRoot!);
    }

    /// <summary>The restored engine .dll, or MC5200 naming the package, the folder and the fix.</summary>
    public bool TryRestoredEngine(out string? engine)
    {
        engine = _root == null ? null : EnginePackages.RestoredEngine(_root, _packageId, _rid, _version);
        if (engine != null)
        {
            return true;
        }

        var id = EnginePackages.ToolPackageId(_packageId, _rid);
        var where = _root == null ? "no NuGet packages folder is known: restore has not run for this project" : EnginePackages.Folder(_root, id, _version) + " does not exist";
        _log.LogError(null, TaskDiagnostics.EnginePackageNotRestored, null, null, 0, 0, 0, 0,
            "The modelcompress engine ({0} {1}) was not restored ({2}). ModelCompress.Build fetches it during restore: run 'dotnet restore' " +
            "(a build with --no-restore needs that restore first; offline, put the .nupkg in a folder listed as a source in nuget.config). " +
            "If restore reported NU1101 or NU1102 for {0}, none of your feeds has version {1}: add the feed that has it, or set ModelCompressToolPath to a built modelcompress.dll.",
            id, _version, where);
        return false;
    }

    /// <summary>A local tool manifest pins the engine: same version as this package, and restored.</summary>
    public bool CheckLocalTool(LocalToolManifest manifest)
    {
        if (manifest.Version != null && !string.Equals(manifest.Version, _version, StringComparison.OrdinalIgnoreCase))
        {
            _log.LogError(null, TaskDiagnostics.LocalToolVersionMismatch, null, manifest.Path, 0, 0, 0, 0,
                "{0} pins {1} {2}, but the ModelCompress.Build package is {3}; they must match (the engine and the build speak one manifest version). " +
                "Run 'dotnet tool update {1} --local --version {3}', or change the ModelCompress.Build PackageReference to {2}, or remove {1} from the manifest to use the engine restore fetches.",
                manifest.Path, _packageId, manifest.Version, _version);
            return false;
        }

        if (_root != null && !EnginePackages.LocalToolRestored(_root, _packageId, _version))
        {
            _log.LogError(null, TaskDiagnostics.LocalToolNotRestored, null, manifest.Path, 0, 0, 0, 0,
                "{0} lists {1} {2}, but the tool is not restored (no {3}). Run 'dotnet tool restore' in {4} (CI: before the build), or remove {1} from the manifest to use the engine that restore fetches.",
                manifest.Path, _packageId, _version, EnginePackages.Folder(_root, _packageId, _version), System.IO.Path.GetDirectoryName(manifest.Path));
            return false;
        }

        return true;
    }

    /// <summary>The training backend's folder when one was asked for; MC5204 when restore did not fetch it.</summary>
    public string? TrainingBackend(string? trainingPackageId)
    {
        if (string.IsNullOrEmpty(trainingPackageId) || _root == null)
        {
            return null;
        }

        var folder = EnginePackages.TrainingBackend(_root, trainingPackageId!, _version);
        if (folder == null)
        {
            _log.LogError(null, TaskDiagnostics.TrainingBackendNotRestored, null, null, 0, 0, 0, 0,
                "compression.yaml has a training step, so restore should have fetched {0} {1}, but {2} does not exist. Run 'dotnet restore'; if it reported NU1101 or NU1102, add a feed that has {0} {1}.",
                trainingPackageId, _version, EnginePackages.Folder(_root, trainingPackageId!, _version));
        }

        return folder;
    }

    /// <summary>The reason a launcher (dotnet tool run, the dotnet host) gave for not starting the engine; null when none.</summary>
    public static string? LauncherFailure(IEnumerable<string> lastLines)
    {
        var lines = lastLines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var text = string.Join(" ", lines.Select(l => l.Trim()));
        var markers = new[] { "dotnet tool restore", "Could not execute because", "You must install or update .NET", "The application to execute does not exist", "Cannot find a manifest file", "A fatal error was encountered" };
        return markers.Any(m => text.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0)
            ? text + " Fix the installation as it says (for a local tool: 'dotnet tool restore'), or remove the tool from dotnet-tools.json to use the engine restore fetches."
            : null;
    }
}
