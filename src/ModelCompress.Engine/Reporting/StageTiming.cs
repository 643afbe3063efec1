namespace ModelCompress.Engine.Reporting;

/// <summary>Wall time of one stage of a model's run (load, data, baseline evaluation, each step, final evaluation).</summary>
public sealed record StageTiming(string Stage, double DurationMs);
