namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// How a model is measured: warm-up and timed iterations at batch 1, intra-op threads, execution provider
/// (<c>auto</c>, <c>cpu</c> or <c>cuda</c>) and the batch size used for accuracy.
/// </summary>
public sealed record EvaluationOptions(int Warmup = 10, int Iterations = 100, int Threads = 1, string Provider = "auto", int BatchSize = 64)
{
    /// <summary>The defaults.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>How to generate inputs when there is no data (<c>data.generate</c>); null for the defaults.</summary>
    public IReadOnlyList<Config.GeneratedInput>? Generate { get; init; }
}
