namespace ModelCompress.Engine.Reporting;

/// <summary>Everything the run learned about one model.</summary>
public sealed record ModelReport(
    string Name,
    string Source,
    string? Output,
    string Status,
    ModelMetrics? Original,
    ModelMetrics? Compressed,
    IReadOnlyList<StepReport> Steps,
    IReadOnlyList<BudgetReport> Budgets,
    IReadOnlyList<StageTiming> Stages);
