using System.Collections.Frozen;

namespace ModelCompress.Torch.Ops;

/// <summary>
/// The Torch kernels by ONNX op_type (default domain), with one definition per opset where the semantics
/// changed (Squeeze/Unsqueeze/Split/ReduceSum axes become inputs at 13, Clip bounds at 11, ...). Built once, read-only.
/// </summary>
public sealed class OpRegistry
{
    private readonly FrozenDictionary<string, OpDefinition[]> _byType;

    private OpRegistry(IEnumerable<OpDefinition> definitions)
    {
        _byType = definitions
            .GroupBy(d => d.OpType, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(d => d.SinceVersion).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The registry with every built-in op family.</summary>
    public static OpRegistry Default { get; } = Build();

    /// <summary>Every supported op_type, sorted.</summary>
    public IReadOnlyList<string> OpTypes => _byType.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether <paramref name="opType"/> of the default ONNX domain runs at <paramref name="opset"/>.</summary>
    public bool Supports(string opType, long opset, string domain = "") => Resolve(domain, opType, opset) is not null;

    internal OpDefinition? Resolve(string domain, string opType, long opset)
    {
        if (!(string.IsNullOrEmpty(domain) || domain == "ai.onnx") || !_byType.TryGetValue(opType, out var versions))
        {
            return null;
        }

        return versions.FirstOrDefault(v => v.SinceVersion <= opset);
    }

    private static OpRegistry Build()
    {
        var builder = new OpRegistryBuilder();
        ActivationOps.Register(builder);
        ElementwiseOps.Register(builder);
        ConvOps.Register(builder);
        PoolOps.Register(builder);
        NormalizationOps.Register(builder);
        MatrixOps.Register(builder);
        ShapeOps.Register(builder);
        SliceOps.Register(builder);
        ReduceOps.Register(builder);
        GeneratorOps.Register(builder);
        LogicOps.Register(builder);
        PadOps.Register(builder);
        ResizeOps.Register(builder);
        return new OpRegistry(builder.Definitions);
    }
}
