using ModelCompress.Engine.Diagnostics;
using ModelCompress.Engine.Steps;

namespace ModelCompress.Torch.Backend;

/// <summary>
/// Runs a training runner and turns a failure to load libtorch (a missing or incompatible native library) into
/// MC5211 at the step, instead of an internal error: that failure is about the installation, not the engine.
/// </summary>
internal sealed class BackendLoadGuard(IStepRunner inner, TrainingBackend backend) : IStepRunner
{
    /// <inheritdoc />
    public string RunnerKey => inner.RunnerKey;

    /// <inheritdoc />
    public string CacheSalt => inner.CacheSalt;

    /// <inheritdoc />
    public StepResult Run(StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return inner.Run(input, context);
        }
        catch (Exception e) when (NativeLoadFailure(e) is { } failure)
        {
            throw new CompressionException(BackendDiagnostics.LoadFailed(inner.RunnerKey, input.Step.Position, backend, failure.Message));
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
