namespace ModelCompress.Engine.Steps;

/// <summary>A runner of <typeparamref name="TSettings"/> bound to its kind.</summary>
/// <typeparam name="TSettings">The kind's settings record.</typeparam>
internal sealed class StepBinding<TSettings>(StepKind<TSettings> kind, IStepRunner<TSettings> runner) : StepBinding
    where TSettings : class, IStepSettings
{
    /// <inheritdoc />
    public override StepKind Kind => kind;

    /// <inheritdoc />
    public override object Runner => runner;

    /// <inheritdoc />
    public override string CacheSalt => runner.CacheSalt;

    /// <inheritdoc />
    public override StepResult Run(StepInput input, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        return runner.Run(kind.Typed(input.Step.Settings), input, context);
    }

    /// <inheritdoc />
    public override StepBinding Decorate(IStepRunnerDecorator decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        return new StepBinding<TSettings>(kind, decorator.Decorate(kind, runner));
    }
}
