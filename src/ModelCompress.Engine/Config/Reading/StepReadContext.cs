namespace ModelCompress.Engine.Config.Reading;

/// <summary>What a step's settings may depend on beyond their own mapping.</summary>
/// <param name="Context">The parse context.</param>
/// <param name="ModelSeed">The model's seed: the default seed of training.</param>
/// <param name="AccuracyBudget">The model's accuracy budget: the early-stop target of training.</param>
/// <param name="Data">The model's data, null when absent or invalid.</param>
/// <param name="DataInvalid">True when the data section had errors (already reported: do not pile on).</param>
internal sealed record StepReadContext(ParseContext Context, int ModelSeed, AccuracyBudget? AccuracyBudget, DataConfig? Data, bool DataInvalid);
