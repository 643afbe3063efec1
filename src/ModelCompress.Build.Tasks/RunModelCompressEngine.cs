using ModelCompress.Build.Tasks.Internal;

namespace ModelCompress.Build.Tasks;

/// <summary>
/// Starts the modelcompress engine out of process (libtorch and ONNX Runtime never load into MSBuild) and relays
/// its canonical diagnostics (<c>file(line,col): error MC2001: ...</c>) as MSBuild errors and warnings.
/// </summary>
public sealed class RunModelCompressEngine : ToolTask
{
    private readonly Queue<string> _lastLines = new();
    private readonly List<string> _diagnosticLines = new();
    private EngineLaunch? _launch;
    private volatile bool _canceled;

    /// <summary>Absolute path of compression.yaml.</summary>
    [Required]
    public string ConfigFile { get; set; } = string.Empty;

    /// <summary>Folder the engine writes the compressed models, reports and manifest into.</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>The engine's content-addressed step cache.</summary>
    [Required]
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>Where the engine writes manifest.json, last, on success.</summary>
    [Required]
    public string ManifestFile { get; set; } = string.Empty;

    /// <summary>The project folder: the local tool manifest is looked up from here.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary><c>error</c> (default) or <c>warning</c>: how a missed budget is reported.</summary>
    public string BudgetSeverity { get; set; } = "error";

    /// <summary>The engine's .dll (run under dotnet) or executable; empty to use the dotnet tool.</summary>
    public string? EngineToolPath { get; set; }

    /// <summary>The tool package id; restore fetches its RID-specific package <c>&lt;id&gt;.&lt;rid&gt;</c>.</summary>
    public string EnginePackageId { get; set; } = "ModelCompress.Tool";

    /// <summary>The tool package version: this package's own version.</summary>
    public string EnginePackageVersion { get; set; } = ThisAssembly.PackageVersion;

    /// <summary>The RID of the tool package restore fetched (linux-x64, win-x64, osx-arm64 or any).</summary>
    public string EngineRuntimeIdentifier { get; set; } = "any";

    /// <summary><c>$(NuGetPackageRoot)</c>: the NuGet packages folder restore extracted the engine into.</summary>
    public string? NuGetPackageRoot { get; set; }

    /// <summary>The training backend package restore fetched for a config with training steps; empty when none.</summary>
    public string? TrainingPackageId { get; set; }

    /// <summary><c>$(NetCoreRoot)</c>: where to find dotnet when DOTNET_HOST_PATH is not set.</summary>
    public string? NetCoreRoot { get; set; }

    /// <summary><c>$(DOTNET_HOST_PATH)</c> as a property: the last place to look for dotnet.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary><c>--remeasure</c>: measure every model again instead of reusing this machine's cached evaluations.</summary>
    public bool Remeasure { get; set; }

    /// <summary><c>--junit FILE</c>: also write each budget as a JUnit test case to this absolute path; empty for none.</summary>
    public string? JUnitFile { get; set; }

    /// <summary>Where the engine's warning and error lines are recorded after a run, for <see cref="ReplayModelCompressDiagnostics"/>.</summary>
    public string? ReplayFile { get; set; }

    /// <summary>A file locked while the engine runs, so builds sharing the output folder run it one at a time; empty for none.</summary>
    public string? LockFile { get; set; }

    /// <summary>The target's Inputs: under the lock, the run is skipped when another build has made the outputs up to date.</summary>
    public ITaskItem[] UpToDateInputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The target's Outputs, checked against <see cref="UpToDateInputs"/>; empty never skips.</summary>
    public ITaskItem[] UpToDateOutputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>True when this task started the engine; false when another build ran it meanwhile (then replay).</summary>
    [Output]
    public bool EngineRan { get; private set; }

    /// <inheritdoc />
    protected override string ToolName => DotnetHost.ExecutableName;

    /// <inheritdoc />
    protected override bool ValidateParameters()
    {
        RequireAbsolute(nameof(ConfigFile), ConfigFile);
        RequireAbsolute(nameof(OutputDirectory), OutputDirectory);
        RequireAbsolute(nameof(CacheDirectory), CacheDirectory);
        RequireAbsolute(nameof(ManifestFile), ManifestFile);
        RequireAbsolute(nameof(ProjectDirectory), ProjectDirectory);
        if (!string.IsNullOrEmpty(JUnitFile))
        {
            RequireAbsolute(nameof(JUnitFile), JUnitFile!);
        }
        if (!string.Equals(BudgetSeverity, "error", StringComparison.Ordinal) &&
            !string.Equals(BudgetSeverity, "warning", StringComparison.Ordinal))
        {
            Log.LogError(null, TaskDiagnostics.InvalidParameter, null, null, 0, 0, 0, 0,
                "ModelCompressBudgetSeverity is '{0}'; set it to 'error' or 'warning'.", BudgetSeverity);
        }

        if (!string.IsNullOrEmpty(EngineToolPath) && !File.Exists(EngineToolPath))
        {
            Log.LogError(null, TaskDiagnostics.EngineNotFound, null, null, 0, 0, 0, 0,
                "ModelCompressToolPath '{0}' does not exist; point it at a built modelcompress.dll or executable, or remove the property to use the engine that restore fetches from the ModelCompress.Tool package.",
                EngineToolPath);
        }

        var dotnet = DotnetHost.Find(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), NetCoreRoot, DotnetHostPath);
        var needsDotnet = string.IsNullOrEmpty(EngineToolPath) || EngineToolPath!.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        if (needsDotnet && dotnet == null)
        {
            Log.LogError(null, TaskDiagnostics.DotnetNotFound, null, null, 0, 0, 0, 0,
                "Cannot find the dotnet host (DOTNET_HOST_PATH, $(NetCoreRoot) and $(DOTNET_HOST_PATH) are all unset or missing); build with the dotnet CLI or set DOTNET_HOST_PATH.");
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var lookup = new EngineLookup(Log, EnginePackageId, EnginePackageVersion, EngineRuntimeIdentifier, NuGetPackageRoot);
        var manifest = string.IsNullOrEmpty(EngineToolPath) ? LocalToolManifest.Find(ProjectDirectory, EnginePackageId) : null;
        string? restored = null;
        if (string.IsNullOrEmpty(EngineToolPath) && !(manifest == null ? lookup.TryRestoredEngine(out restored) : lookup.CheckLocalTool(manifest)))
        {
            return false;
        }

        var backend = lookup.TrainingBackend(TrainingPackageId);
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        if (backend != null)
        {
            EnvironmentVariables = Append(EnvironmentVariables, "MODELCOMPRESS_TRAINING_BACKEND=" + backend);
        }
        else if (!string.IsNullOrEmpty(NuGetPackageRoot))
        {
            // The project's packages folder (nuget.config may move it): where the engine looks for a training backend.
            EnvironmentVariables = Append(EnvironmentVariables, "MODELCOMPRESS_PACKAGES=" + NuGetPackageRoot);
        }

        var arguments = EngineLaunch.RunArguments(ConfigFile, OutputDirectory, CacheDirectory, BudgetSeverity, ManifestFile, Remeasure, JUnitFile);
        _launch = EngineLaunch.Create(EngineToolPath, dotnet ?? string.Empty, manifest != null, restored ?? string.Empty, arguments);
        Log.LogMessage(MessageImportance.Low, "ModelCompress: engine found through {0}.", _launch.Description);
        return true;
    }

    /// <inheritdoc />
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        // The last lines explain a launcher failure (dotnet tool run, the host) that carries no MC code.
        _lastLines.Enqueue(singleLine);
        if (_lastLines.Count > 20)
        {
            _lastLines.Dequeue();
        }

        if (DiagnosticReplay.IsDiagnostic(singleLine))
        {
            _diagnosticLines.Add(singleLine);
        }

        base.LogEventsFromTextOutput(singleLine, messageImportance);
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool() => _launch?.FileName ?? string.Empty;

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands() =>
        _launch == null ? string.Empty : CommandLine.Join(_launch.Arguments);

    /// <inheritdoc />
    public override bool Execute()
    {
        using var runLock = string.IsNullOrEmpty(LockFile) ? null : EngineRunLock.Acquire(LockFile!, () => _canceled, () =>
            Log.LogMessage(MessageImportance.High, "ModelCompress: waiting for another build of this project to finish compressing ({0}).", LockFile));
        if (!string.IsNullOrEmpty(LockFile) && runLock == null)
        {
            return false;
        }

        if (!Remeasure && UpToDateOutputs.Length > 0 &&
            EngineRunLock.UpToDate(UpToDateOutputs.Select(i => i.ItemSpec), UpToDateInputs.Select(i => i.ItemSpec)))
        {
            Log.LogMessage(MessageImportance.Normal, "ModelCompress: another build of this project has just compressed the models; using its outputs.");
            return true;
        }

        if (!string.IsNullOrEmpty(ReplayFile))
        {
            DiagnosticReplay.Delete(ReplayFile!);
        }

        EngineRan = true;
        Log.LogMessage(MessageImportance.Normal, "ModelCompress: compressing the models of {0}", ConfigFile);
        if (!base.Execute())
        {
            return false;
        }

        if (!File.Exists(ManifestFile))
        {
            Log.LogError(null, TaskDiagnostics.ManifestMissing, null, ConfigFile, 0, 0, 0, 0,
                "The engine finished without writing {0}; check that ModelCompressToolPath points at a modelcompress engine that speaks manifest version 1.",
                ManifestFile);
            return false;
        }

        if (!string.IsNullOrEmpty(ReplayFile))
        {
            DiagnosticReplay.Write(ReplayFile!, _diagnosticLines);
        }

        return !Log.HasLoggedErrors;
    }

    /// <inheritdoc />
    public override void Cancel()
    {
        _canceled = true;
        base.Cancel();
    }

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        // The engine's own diagnostics already explain the failure; only a silent failure needs words from us.
        if (!Log.HasLoggedErrors && EngineLookup.LauncherFailure(_lastLines) is { } launcher)
        {
            Log.LogError(null, TaskDiagnostics.EngineDidNotStart, null, ConfigFile, 0, 0, 0, 0,
                "The modelcompress engine did not start ({0}): {1}", _launch?.Description ?? "no launch", launcher);
        }
        else if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, TaskDiagnostics.EngineCrashed, null, ConfigFile, 0, 0, 0, 0,
                "The modelcompress engine exited with code {0} without reporting a diagnostic; this is a bug in the engine: rerun with -v:n to see its output and report it.",
                ExitCode);
        }

        return false;
    }

    private static string[] Append(string[]? existing, string entry)
    {
        var all = new List<string>(existing ?? Array.Empty<string>()) { entry };
        return all.ToArray();
    }

    private void RequireAbsolute(string name, string value)
    {
        if (string.IsNullOrEmpty(value) || !Path.IsPathRooted(value))
        {
            Log.LogError(null, TaskDiagnostics.InvalidParameter, null, null, 0, 0, 0, 0,
                "{0} must be an absolute path (got '{1}'); the engine runs in another working folder.", name, value);
        }
    }
}
