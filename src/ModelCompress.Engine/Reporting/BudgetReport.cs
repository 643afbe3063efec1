namespace ModelCompress.Engine.Reporting;

/// <summary>A budget as the report shows it: the limit, the measured value, the verdict and where it is in the YAML.</summary>
public sealed record BudgetReport(
    string Budget,
    string Limit,
    double LimitValue,
    double? Actual,
    string Unit,
    string Verdict,
    int Line,
    int Column,
    string Detail);
