namespace ModelCompress.Engine.Config;

/// <summary>A validated <c>compression.yaml</c>.</summary>
/// <param name="FilePath">Absolute path of the configuration file.</param>
/// <param name="Version">File format version (1).</param>
/// <param name="Models">The models, in file order.</param>
public sealed record CompressionConfig(string FilePath, int Version, IReadOnlyList<ModelConfig> Models)
{
    /// <summary>Warnings found while reading (e.g. MC1103, a setting capped), each at its YAML position, in file order.</summary>
    public IReadOnlyList<Diagnostics.Diagnostic> Warnings { get; init; } = [];
}
