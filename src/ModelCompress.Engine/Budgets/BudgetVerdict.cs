namespace ModelCompress.Engine.Budgets;

/// <summary>One budget checked: its limit, what was measured, and whether it held.</summary>
public sealed record BudgetVerdict(
    string Budget,
    string LimitName,
    double Limit,
    double? Actual,
    string Unit,
    BudgetOutcome Outcome,
    SourcePosition Position,
    string Detail);

public enum BudgetOutcome
{
    Passed,
    Failed,
    NotMeasured,

    /// <summary>The margin to the limit is inside the measurement noise even after re-measuring: neither passed nor failed.</summary>
    Inconclusive,
}
