namespace ModelCompress.Engine.Steps.Graph;

/// <summary>Settings of int8 dynamic quantization.</summary>
/// <param name="PerChannel">One scale per output channel (default) rather than one per weight tensor.</param>
/// <param name="Ops">Op types to quantize: MatMul and Gemm by default; add Conv to use ConvInteger.</param>
/// <param name="Include">Node names to quantize (null or empty: every node of the listed ops).</param>
/// <param name="Exclude">Node names to leave in float.</param>
public sealed record DynamicQuantizeOptions(
    bool PerChannel = true,
    IReadOnlyList<string>? Ops = null,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Exclude = null)
{
    /// <summary>The op types this quantizer can rewrite.</summary>
    public static IReadOnlyList<string> SupportedOps { get; } = ["Conv", "Gemm", "MatMul"];

    /// <summary>The op types quantized when <see cref="Ops"/> is not given.</summary>
    public static IReadOnlyList<string> DefaultOps { get; } = ["Gemm", "MatMul"];

    /// <summary>The op types in effect.</summary>
    public IReadOnlyList<string> EffectiveOps => Ops is { Count: > 0 } ? Ops : DefaultOps;

    /// <summary>Throws for an op type this quantizer cannot rewrite (the config layer reports it with a position first).</summary>
    public void Validate()
    {
        var unsupported = EffectiveOps.Where(o => !SupportedOps.Contains(o)).ToArray();
        if (unsupported.Length > 0)
        {
            throw new ArgumentException(
                $"Dynamic quantization cannot rewrite {string.Join(", ", unsupported)}; supported ops are {string.Join(", ", SupportedOps)}.",
                nameof(Ops));
        }
    }
}
