namespace ModelCompress.Engine.Config;

/// <summary>One entry under <c>models:</c>.</summary>
/// <param name="Name">The model's name: its output file and accessor are named after it.</param>
/// <param name="Position">The name's key.</param>
/// <param name="SourcePath">Absolute path of the source ONNX file.</param>
/// <param name="SourcePosition">Position of the source value.</param>
/// <param name="Data">The data it is evaluated on, if any.</param>
/// <param name="Steps">The steps, in the order they run.</param>
/// <param name="Budgets">Its budgets (none when absent).</param>
/// <param name="Evaluation">How it is measured (defaults when absent).</param>
/// <param name="Seed">Seed of everything random for this model (default 0).</param>
public sealed record ModelConfig(
    string Name,
    SourcePosition Position,
    string SourcePath,
    SourcePosition SourcePosition,
    DataConfig? Data,
    IReadOnlyList<StepConfig> Steps,
    BudgetsConfig Budgets,
    EvaluationSettings Evaluation,
    int Seed)
{
    /// <summary>How to make stand-in inputs when there is no data file (<c>data.generate</c>); null when not given.</summary>
    public IReadOnlyList<GeneratedInput>? Generate { get; init; }
}
