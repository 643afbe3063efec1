namespace ModelCompress.Build.Tasks.Internal;

/// <summary>
/// The codes the MSBuild tasks raise themselves. MC5090–MC5099 (cache and IO) are reserved for the build
/// integration, MC5200–MC5209 for finding the packaged engine; MC9002 is an engine that failed without saying why.
/// </summary>
internal static class TaskDiagnostics
{
    /// <summary>A task parameter has a value the task cannot use.</summary>
    public const string InvalidParameter = "MC5090";

    /// <summary>No dotnet host could be found to start the engine.</summary>
    public const string DotnetNotFound = "MC5091";

    /// <summary>ModelCompressToolPath names a file that does not exist.</summary>
    public const string EngineNotFound = "MC5092";

    /// <summary>The engine reported success but left no manifest.json.</summary>
    public const string ManifestMissing = "MC5093";

    /// <summary>manifest.json exists but cannot be read or parsed.</summary>
    public const string ManifestInvalid = "MC5094";

    /// <summary>Two models map to the same accessor name.</summary>
    public const string AccessorNameClash = "MC5095";

    /// <summary>The accessor source could not be written.</summary>
    public const string AccessorWriteFailed = "MC5096";

    /// <summary>ModelCompressConfig names a file that does not exist (raised by the targets, a warning).</summary>
    public const string ConfigNotFound = "MC5097";

    /// <summary>The manifest lists an external-data file the build cannot ship beside its model (missing, or in another folder).</summary>
    public const string ExternalDataNotShippable = "MC5098";

    /// <summary>compression.yaml could not be read or a model's source found without the engine (design-time or passthrough build).</summary>
    public const string ConfigScanFailed = "MC5250";

    /// <summary>The engine package is not in the NuGet packages folder: restore did not fetch it.</summary>
    public const string EnginePackageNotRestored = "MC5200";

    /// <summary>A local tool manifest lists the engine, but <c>dotnet tool restore</c> has not fetched it.</summary>
    public const string LocalToolNotRestored = "MC5201";

    /// <summary>The local tool manifest pins another engine version than the ModelCompress.Build package.</summary>
    public const string LocalToolVersionMismatch = "MC5202";

    /// <summary>The engine could not be started at all (the dotnet host or tool runner refused, before the engine spoke).</summary>
    public const string EngineDidNotStart = "MC5203";

    /// <summary>The config has a training step but restore fetched no training backend (ModelCompressTraining=none).</summary>
    public const string TrainingBackendNotRestored = "MC5204";

    /// <summary>The engine exited with a failure code but printed no diagnostic (a crash).</summary>
    public const string EngineCrashed = "MC9002";
}
