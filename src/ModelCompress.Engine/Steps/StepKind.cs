namespace ModelCompress.Engine.Steps;

/// <summary>
/// What one kind of step is, in one place: its YAML key and the reader of its settings, the settings record it
/// produces (and which of that record's modes it covers), whether it trains, and the data its cache key reads.
/// The kinds are listed once in <see cref="StepKinds"/>; runners are bound to them in a <see cref="StepRegistry"/>.
/// </summary>
public abstract class StepKind
{
    private protected StepKind(string name, string yamlKey, bool requiresTraining, SettingsReader read)
    {
        Name = name;
        YamlKey = yamlKey;
        RequiresTraining = requiresTraining;
        Read = read;
    }

    /// <summary>
    /// The kind's stable name (<c>prune.oneshot</c>, <c>quantize.static</c>, <c>distill</c>): it enters cache keys and
    /// is written in reports and cache records, so it never changes for an existing kind.
    /// </summary>
    public string Name { get; }

    /// <summary>The key of the step in <c>steps:</c> (<c>prune</c>, <c>quantize</c>, ...); several kinds may share one.</summary>
    public string YamlKey { get; }

    /// <summary>True when the runner trains with TorchSharp; graph-only kinds never load libtorch.</summary>
    public bool RequiresTraining { get; }

    /// <summary>The settings record of this kind.</summary>
    public abstract Type SettingsType { get; }

    /// <summary>Reads the step's mapping (shared by the kinds of one YAML key: the method or mode picks the record).</summary>
    internal SettingsReader Read { get; }

    /// <summary>True when <paramref name="settings"/> are this kind's record, in this kind's mode.</summary>
    public abstract bool Describes(IStepSettings settings);

    /// <summary>
    /// The data sections the step reads (<c>train</c>, <c>validation</c>, <c>calibration</c>, <c>evaluation</c>): only
    /// their contents enter its cache key, so editing evaluation data reruns no step that does not read it.
    /// </summary>
    public abstract IReadOnlyList<string> DataSections(IStepSettings settings);

    /// <summary>True when the result depends on the accuracy budget (early stopping, a fallback search): the budget enters the key.</summary>
    public abstract bool ReadsAccuracyBudget(IStepSettings settings);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Reads one step's settings mapping; null when it reported errors.</summary>
internal delegate IStepSettings? SettingsReader(MappingReader map, StepReadContext step);
