using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>Top-1 may fall by at most MaxDrop (absolute) or MaxRelativeDrop (fraction of the original).</summary>
public sealed record AccuracyBudget(string Metric, double? MaxDrop, double? MaxRelativeDrop, SourcePosition Position);
