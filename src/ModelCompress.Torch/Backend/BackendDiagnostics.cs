namespace ModelCompress.Torch.Backend;

/// <summary>The packaging diagnostics the engine raises about its training backend (MC5210–MC5219).</summary>
public static class BackendDiagnostics
{
    /// <summary>MC5210: a training step met an engine without libtorch.</summary>
    public static Diagnostic Missing(string stepKey, SourcePosition? position, TrainingBackend backend) =>
        Diagnostic.Error(
            "MC5210",
            $"Step '{stepKey}' trains with libtorch, which this engine does not carry ({backend.Problem}). " +
            $"With ModelCompress.Build, set <ModelCompressTraining>cpu</ModelCompressTraining> in the project and run dotnet restore: it downloads {backend.PackageId} {backend.Version}. " +
            $"With the modelcompress tool alone, restore that package (e.g. <PackageDownload Include=\"{backend.PackageId}\" Version=\"[{backend.Version}]\" /> in any project) or set {TrainingBackend.DirectoryVariable} to a folder holding its native/ files. " +
            "Graph-only pipelines (prune by magnitude, quantize) need none of this.",
            position);

    /// <summary>MC5211: the backend was found but libtorch failed to load from it.</summary>
    public static Diagnostic LoadFailed(string stepKey, SourcePosition? position, TrainingBackend backend, string error) =>
        Diagnostic.Error(
            "MC5211",
            $"Step '{stepKey}' could not load libtorch from {backend.Directory ?? "the engine's folder"}: {error.ReplaceLineEndings(" ")} " +
            $"Restore {backend.PackageId} {backend.Version} again (delete its folder in the NuGet packages folder first), or on Linux check that the host has libstdc++6 and libgomp1.",
            position);
}
