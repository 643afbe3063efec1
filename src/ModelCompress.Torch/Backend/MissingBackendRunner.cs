namespace ModelCompress.Torch.Backend;

/// <summary>
/// Stands in for a training runner when the engine has no libtorch. It keeps the real runner's kind and cache salt,
/// so a training result already in the cache is still reused; only a step that must actually train fails, with
/// MC5210 at its position in compression.yaml.
/// </summary>
internal sealed class MissingBackendRunner<TSettings>(StepKind<TSettings> kind, IStepRunner<TSettings> inner, TrainingBackend backend)
    : IStepRunner<TSettings>
    where TSettings : class, IStepSettings
{
    /// <inheritdoc />
    public string CacheSalt => inner.CacheSalt;

    /// <inheritdoc />
    public StepResult Run(TSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        throw new CompressionException(BackendDiagnostics.Missing(kind.Name, input.Step.Position, backend));
    }
}
