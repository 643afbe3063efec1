using ModelCompress.Engine.Diagnostics;

namespace ModelCompress.Engine.Config;

/// <summary>Batch-1 latency at a percentile, in ms or as a ratio to the original measured in the same run.</summary>
public sealed record LatencyBudget(int Percentile, double? MaxMs, double? MaxRatio, SourcePosition Position);
