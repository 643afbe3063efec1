namespace ModelCompress.Engine.Steps;

/// <summary>
/// The executor of one kind of step. Settings are immutable records parsed from the YAML (they validate
/// themselves, with positions); a runner takes the current model and returns a new one plus facts for the report.
/// Runners must be deterministic for a given input, settings and seed: their outputs are cached by those.
/// </summary>
public interface IStepRunner
{
    /// <summary>The key settings resolve to (<c>IStepSettings.RunnerKey</c>), e.g. <c>prune.oneshot</c>.</summary>
    string RunnerKey { get; }

    /// <summary>
    /// Extra text entering this runner's cache keys (e.g. a library version), beyond the input model, the
    /// settings and the data.
    /// </summary>
    string CacheSalt { get; }

    StepResult Run(StepInput input, StepContext context);
}
