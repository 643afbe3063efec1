namespace ModelCompress.Engine.Steps;

/// <summary>
/// The executor of one kind of step (<see cref="StepKind{TSettings}"/>). Settings are immutable records parsed from the
/// YAML (they validate themselves, with positions); a runner takes the current model and returns a new one plus facts
/// for the report. Runners must be deterministic for a given input, settings and seed: their outputs are cached by those.
/// </summary>
/// <typeparam name="TSettings">The settings record of the kind the runner executes: it arrives typed, never downcast.</typeparam>
public interface IStepRunner<in TSettings>
    where TSettings : class, IStepSettings
{
    /// <summary>
    /// Extra text entering this runner's cache keys (e.g. a library version), beyond the input model, the
    /// settings and the data.
    /// </summary>
    string CacheSalt { get; }

    /// <summary>Runs the step on <see cref="StepInput.Model"/>; <paramref name="settings"/> are <c>input.Step.Settings</c>, typed.</summary>
    StepResult Run(TSettings settings, StepInput input, StepContext context);
}
