namespace ModelCompress.Engine.Config;

/// <summary>How models are measured: latency warm-up and iterations at batch 1, threads, provider, accuracy batch size.</summary>
public sealed record EvaluationSettings(int Warmup, int Iterations, int Threads, string Provider, int BatchSize)
{
    public static IReadOnlyList<string> Keys { get; } = ["warmup", "iterations", "threads", "provider", "batch_size"];

    public static EvaluationSettings Default { get; } = new(10, 100, 1, "auto", 64);

    internal static EvaluationSettings Parse(YamlMap? map) => map is null
        ? Default
        : new EvaluationSettings(
            map.Int("warmup", min: 0) ?? Default.Warmup,
            map.Int("iterations", min: 0) ?? Default.Iterations,
            map.Int("threads", min: 1) ?? Default.Threads,
            map.Word("provider", ConfigWords.Providers) ?? Default.Provider,
            map.Int("batch_size", min: 1) ?? Default.BatchSize);
}
