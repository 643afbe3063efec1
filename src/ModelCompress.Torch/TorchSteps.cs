using ModelCompress.Torch.Backend;
using ModelCompress.Torch.Steps;

namespace ModelCompress.Torch;

/// <summary>
/// The steps that train with libtorch, for the composition root to register beside the graph steps. Creating the
/// runners touches no TorchSharp type, so registering them never loads libtorch; only running one does.
/// </summary>
public static class TorchSteps
{
    /// <summary>Enters every Torch runner's cache keys: bump it when training changes results for the same settings.</summary>
    // The module version id of this assembly changes with any change to the training code (builds are
    // deterministic), so a cached result is never reused across code that would train differently.
    public static string Salt { get; } =
        $"torch-train-v1;{typeof(TorchSteps).Assembly.ManifestModule.ModuleVersionId:N};torchsharp-0.107.0;libtorch-2.10.0;threads-1";

    /// <summary>finetune, distill, prune.gradual, prune.nm.gradual and the channel prunes that need gradients, bound to the kinds the Engine declares for them.</summary>
    public static IEnumerable<StepBinding> Runners() =>
    [
        StepBinding.Of(StepKinds.Finetune, new FinetuneRunner()),
        StepBinding.Of(StepKinds.Distill, new DistillRunner()),
        StepBinding.Of(StepKinds.GradualPrune, new GradualPruneRunner()),
        StepBinding.Of(StepKinds.GradualChannelPrune, new GradualChannelPruneRunner()),
        StepBinding.Of(StepKinds.TaylorChannelPrune, new TaylorChannelPruneRunner()),
        StepBinding.Of(StepKinds.GradualNmPrune, new GradualNmPruneRunner()),
    ];

    /// <summary>
    /// The runners for an engine whose libtorch is <paramref name="backend"/>: the real ones (with the backend's
    /// folder registered for native loads) when it is available, stand-ins that fail with MC5210 when it is not.
    /// </summary>
    public static IEnumerable<StepBinding> Runners(TrainingBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (backend.IsAvailable)
        {
            backend.Register();
        }

        var decorator = new BackendDecorator(backend);
        return Runners().Select(r => r.Decorate(decorator)).ToList();
    }
}
