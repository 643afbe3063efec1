using System.Collections.Frozen;
using ModelCompress.Engine.Steps.Quantize.Handlers;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// The static quantization handlers by op type, built once and read-only afterwards. An op type without a
/// handler stays in float, and the report says so (<see cref="Unknown"/>).
/// </summary>
public static class QuantizeHandlers
{
    private static readonly FrozenDictionary<string, IQuantizeHandler> ByOpType = Build(
        new ConvHandler(), new GemmHandler(), new MatMulHandler(), new ElementwiseHandler(), new UnaryHandler(),
        new PassThroughHandler(), new ActivationHandler());

    /// <summary>Every op type with a handler, sorted.</summary>
    public static IReadOnlyList<string> OpTypes { get; } = ByOpType.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The handler for <paramref name="opType"/> in the default domain, or null.</summary>
    public static IQuantizeHandler? For(string opType) => ByOpType.GetValueOrDefault(opType);

    /// <summary>The plan of a node no handler answers for.</summary>
    public static NodePlan Unknown(string opType) =>
        NodePlan.Float($"no static quantization handler for {opType}; it runs in float between DequantizeLinear and QuantizeLinear");

    private static FrozenDictionary<string, IQuantizeHandler> Build(params IQuantizeHandler[] handlers)
    {
        var map = new Dictionary<string, IQuantizeHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            foreach (var op in handler.OpTypes)
            {
                if (!map.TryAdd(op, handler))
                {
                    throw new InvalidOperationException($"Two quantization handlers claim {op}.");
                }
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
