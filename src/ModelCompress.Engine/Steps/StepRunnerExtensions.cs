namespace ModelCompress.Engine.Steps;

/// <summary>Running a runner directly on a <see cref="StepInput"/> (tests, tools), outside a registry.</summary>
public static class StepRunnerExtensions
{
    /// <summary>Runs <paramref name="runner"/> with <c>input.Step.Settings</c>, which must be its settings record.</summary>
    public static StepResult Run<TSettings>(this IStepRunner<TSettings> runner, StepInput input, StepContext context)
        where TSettings : class, IStepSettings
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(input);
        return input.Step.Settings is TSettings settings
            ? runner.Run(settings, input, context)
            : throw new ArgumentException($"Step settings {input.Step.Settings.GetType().Name} are not {typeof(TSettings).Name}.", nameof(input));
    }
}
