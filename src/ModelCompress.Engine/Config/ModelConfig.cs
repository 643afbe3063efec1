using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>One model under <c>models:</c>, paths absolute, defaults filled in.</summary>
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
    public static IReadOnlyList<string> Keys { get; } = ["source", "seed", "data", "steps", "evaluation", "budgets"];
}
