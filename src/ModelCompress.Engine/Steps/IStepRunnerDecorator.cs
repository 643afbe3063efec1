namespace ModelCompress.Engine.Steps;

/// <summary>Wraps runners of any kind, keeping their types (see <see cref="StepBinding.Decorate"/>).</summary>
public interface IStepRunnerDecorator
{
    /// <summary>A runner that stands for <paramref name="runner"/> of <paramref name="kind"/>.</summary>
    IStepRunner<TSettings> Decorate<TSettings>(StepKind<TSettings> kind, IStepRunner<TSettings> runner)
        where TSettings : class, IStepSettings;
}
