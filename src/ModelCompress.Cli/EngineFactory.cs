using ModelCompress.Engine.Steps;

namespace ModelCompress.Cli;

/// <summary>
/// The composition root: the one place that knows every step. Graph-only steps come from the Engine, training
/// steps from the Torch layer; Torch runners touch libtorch only inside Run, so a pipeline without them never
/// loads it.
/// </summary>
public static class EngineFactory
{
    /// <summary>The training runners load libtorch from the located backend, or fail with MC5210 when there is none.</summary>
    public static StepRegistry CreateRegistry() =>
        new(GraphSteps.Runners().Concat(ModelCompress.Torch.TorchSteps.Runners(ModelCompress.Torch.Backend.TrainingBackend.Locate())));

    public static CompressionEngine Create(IEngineObserver observer) => new(CreateRegistry(), observer);
}
