namespace ModelCompress.Engine.Reporting;

/// <summary>One step of one model's pipeline: what ran, whether the cache answered, and what the model was after it.</summary>
public sealed record StepReport(
    int Index,
    string Kind,
    string RunnerKey,
    string Settings,
    string CacheKey,
    bool CacheHit,
    double DurationMs,
    IReadOnlyList<StepFact> Facts,
    ModelMetrics? Metrics);
