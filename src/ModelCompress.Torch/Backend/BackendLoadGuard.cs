namespace ModelCompress.Torch.Backend;

/// <summary>
/// Runs a training runner and turns a failure to load libtorch (a missing or incompatible native library) into
/// MC5211 at the step, instead of an internal error: that failure is about the installation, not the engine.
/// </summary>
internal sealed class BackendLoadGuard<TSettings>(StepKind<TSettings> kind, IStepRunner<TSettings> inner, TrainingBackend backend)
    : IStepRunner<TSettings>
    where TSettings : class, IStepSettings
{
    /// <inheritdoc />
    public string CacheSalt => inner.CacheSalt;

    /// <inheritdoc />
    public StepResult Run(TSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return inner.Run(settings, input, context);
        }
        catch (Exception e) when (NativeLoadFailure(e) is { } failure)
        {
            throw new CompressionException(BackendDiagnostics.LoadFailed(kind.Name, input.Step.Position, backend, failure.Message));
        }
    }

    /// <summary>DllNotFoundException, or TorchSharp's own "cannot load" NotSupportedException, possibly inside a type initializer.</summary>
    private static Exception? NativeLoadFailure(Exception e) => e switch
    {
        DllNotFoundException => e,
        NotSupportedException when e.StackTrace?.Contains("LoadNativeBackend", StringComparison.Ordinal) == true => e,
        TypeInitializationException { InnerException: { } inner } => NativeLoadFailure(inner),
        _ => null,
    };
}
