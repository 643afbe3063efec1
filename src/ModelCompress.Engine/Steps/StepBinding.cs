namespace ModelCompress.Engine.Steps;

/// <summary>
/// A runner bound to the kind it executes: what a <see cref="StepRegistry"/> holds. The only place where a step's
/// settings meet their runner, typed by <see cref="StepKind{TSettings}"/>.
/// </summary>
public abstract class StepBinding
{
    private protected StepBinding()
    {
    }

    /// <summary>The kind the runner executes.</summary>
    public abstract StepKind Kind { get; }

    /// <summary>The bound runner, for inspection (convention tests).</summary>
    public abstract object Runner { get; }

    /// <summary>Text the runner adds to its cache keys (<see cref="IStepRunner{TSettings}.CacheSalt"/>).</summary>
    public abstract string CacheSalt { get; }

    /// <summary>Binds <paramref name="runner"/> to <paramref name="kind"/>.</summary>
    public static StepBinding Of<TSettings>(StepKind<TSettings> kind, IStepRunner<TSettings> runner)
        where TSettings : class, IStepSettings => new StepBinding<TSettings>(kind, runner);

    /// <summary>Runs the step whose settings are <c>input.Step.Settings</c> (which must be of <see cref="Kind"/>).</summary>
    public abstract StepResult Run(StepInput input, StepContext context);

    /// <summary>The same binding with its runner wrapped by <paramref name="decorator"/> (a guard around native loads, say).</summary>
    public abstract StepBinding Decorate(IStepRunnerDecorator decorator);
}
