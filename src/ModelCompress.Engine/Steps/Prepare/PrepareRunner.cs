using ModelCompress.Onnx.Preparation;

namespace ModelCompress.Engine.Steps.Prepare;

/// <summary><c>prepare: { ... }</c>: graph preparation as a step of its own.</summary>
public sealed class PrepareRunner : IStepRunner<PrepareSettings>
{
    /// <inheritdoc />
    public string CacheSalt => GraphPreparation.Version;

    /// <summary>The preparation options that <paramref name="settings"/> stand for.</summary>
    public static PreparationOptions OptionsOf(PrepareSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var limits = ConstantFoldingLimits.Default with { MaxGrowthBytes = settings.MaxFoldGrowthKb * 1024L };
        return new PreparationOptions(settings.FoldConstants, settings.FoldBatchNorm, settings.RemoveIdentity, limits);
    }

    /// <inheritdoc />
    public StepResult Run(PrepareSettings settings, StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var model = input.Model.Clone();
        var report = GraphPreparation.Run(model, OptionsOf(settings));
        foreach (var warning in report.Warnings)
        {
            context.Report(warning with { Position = warning.Position ?? input.Step.Position });
        }

        return new StepResult(model, report.ToFacts());
    }
}
