namespace ModelCompress.Engine.Steps;

/// <summary>A step kind whose settings are <typeparamref name="TSettings"/> (in the mode <c>when</c> accepts).</summary>
/// <typeparam name="TSettings">The settings record.</typeparam>
public sealed class StepKind<TSettings> : StepKind
    where TSettings : class, IStepSettings
{
    private readonly Func<TSettings, bool> _when;
    private readonly Func<TSettings, IReadOnlyList<string>> _dataSections;
    private readonly Func<TSettings, bool> _readsBudget;

    internal StepKind(
        string name,
        string yamlKey,
        SettingsReader read,
        bool requiresTraining,
        Func<TSettings, bool>? when = null,
        Func<TSettings, IReadOnlyList<string>>? dataSections = null,
        Func<TSettings, bool>? readsAccuracyBudget = null)
        : base(name, yamlKey, requiresTraining, read)
    {
        _when = when ?? (_ => true);
        // Training reads the train and validation splits and aims early stopping at the budget; graph steps may read
        // calibration rows and nothing else.
        IReadOnlyList<string> sections = requiresTraining ? ["train", "validation"] : ["calibration"];
        _dataSections = dataSections ?? (_ => sections);
        _readsBudget = readsAccuracyBudget ?? (_ => requiresTraining);
    }

    /// <inheritdoc />
    public override Type SettingsType => typeof(TSettings);

    /// <inheritdoc />
    public override bool Describes(IStepSettings settings) => settings is TSettings typed && _when(typed);

    /// <inheritdoc />
    public override IReadOnlyList<string> DataSections(IStepSettings settings) => _dataSections(Typed(settings));

    /// <inheritdoc />
    public override bool ReadsAccuracyBudget(IStepSettings settings) => _readsBudget(Typed(settings));

    /// <summary>The settings as this kind's record; they must be (<see cref="Describes"/>).</summary>
    internal TSettings Typed(IStepSettings settings) => settings as TSettings is { } typed && _when(typed)
        ? typed
        : throw new ArgumentException($"Settings {settings?.GetType().Name} are not of step kind '{Name}'.", nameof(settings));
}
