using System;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ModelCompress.Build.Tasks.Internal;

namespace ModelCompress.Build.Tasks;

/// <summary>
/// Starts the modelcompress engine out of process (libtorch and ONNX Runtime never load into MSBuild) and relays
/// its canonical diagnostics (<c>file(line,col): error MC2001: ...</c>) as MSBuild errors and warnings.
/// </summary>
public sealed class RunModelCompressEngine : ToolTask
{
    private EngineLaunch? _launch;

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

    /// <summary>The tool package started by <c>dotnet tool exec</c> when no tool path or local tool is set.</summary>
    public string EnginePackageId { get; set; } = "ModelCompress.Tool";

    /// <summary>The tool package version for <c>dotnet tool exec</c>: this package's own version.</summary>
    public string EnginePackageVersion { get; set; } = ThisAssembly.PackageVersion;

    /// <summary><c>$(NetCoreRoot)</c>: where to find dotnet when DOTNET_HOST_PATH is not set.</summary>
    public string? NetCoreRoot { get; set; }

    /// <summary><c>$(DOTNET_HOST_PATH)</c> as a property: the last place to look for dotnet.</summary>
    public string? DotnetHostPath { get; set; }

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
        if (!string.Equals(BudgetSeverity, "error", StringComparison.Ordinal) &&
            !string.Equals(BudgetSeverity, "warning", StringComparison.Ordinal))
        {
            Log.LogError(null, TaskDiagnostics.InvalidParameter, null, null, 0, 0, 0, 0,
                "ModelCompressBudgetSeverity is '{0}'; set it to 'error' or 'warning'.", BudgetSeverity);
        }

        if (!string.IsNullOrEmpty(EngineToolPath) && !File.Exists(EngineToolPath))
        {
            Log.LogError(null, TaskDiagnostics.EngineNotFound, null, null, 0, 0, 0, 0,
                "ModelCompressToolPath '{0}' does not exist; build the engine (dotnet build src/ModelCompress.Cli) or clear the property to use the dotnet tool.",
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

        var arguments = EngineLaunch.RunArguments(ConfigFile, OutputDirectory, CacheDirectory, BudgetSeverity, ManifestFile);
        var localTool = string.IsNullOrEmpty(EngineToolPath) && LocalToolManifest.ListsEngine(ProjectDirectory, EnginePackageId);
        _launch = EngineLaunch.Create(EngineToolPath, dotnet ?? string.Empty, localTool, EnginePackageId, EnginePackageVersion, arguments);
        Log.LogMessage(MessageImportance.Low, "ModelCompress: engine found through {0}.", _launch.Description);
        return true;
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool() => _launch?.FileName ?? string.Empty;

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands() =>
        _launch == null ? string.Empty : CommandLine.Join(_launch.Arguments);

    /// <inheritdoc />
    public override bool Execute()
    {
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

        return !Log.HasLoggedErrors;
    }

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        // The engine's own diagnostics already explain the failure; only a silent failure needs words from us.
        if (!Log.HasLoggedErrors)
        {
            Log.LogError(null, TaskDiagnostics.EngineCrashed, null, ConfigFile, 0, 0, 0, 0,
                "The modelcompress engine exited with code {0} without reporting a diagnostic; this is a bug in the engine: rerun with -v:n to see its output and report it.",
                ExitCode);
        }

        return false;
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
