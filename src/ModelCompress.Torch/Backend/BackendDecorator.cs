namespace ModelCompress.Torch.Backend;

/// <summary>Wraps each training runner for <paramref name="backend"/>: a load guard when libtorch is there, a stand-in when not.</summary>
internal sealed class BackendDecorator(TrainingBackend backend) : IStepRunnerDecorator
{
    /// <inheritdoc />
    public IStepRunner<TSettings> Decorate<TSettings>(StepKind<TSettings> kind, IStepRunner<TSettings> runner)
        where TSettings : class, IStepSettings => backend.IsAvailable
        ? new BackendLoadGuard<TSettings>(kind, runner, backend)
        : new MissingBackendRunner<TSettings>(kind, runner, backend);
}
