namespace ModelCompress.Engine.Config;

/// <summary>A parsed, validated compression.yaml.</summary>
public sealed record CompressionConfig(string FilePath, int Version, IReadOnlyList<ModelConfig> Models)
{
    public static IReadOnlyList<string> Keys { get; } = ["version", "models"];

    public static IReadOnlyList<string> StepKinds { get; } = ["prune", "quantize", "distill", "finetune"];
}
