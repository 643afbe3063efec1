namespace ModelCompress.Onnx.Dependencies;

/// <summary>
/// Shape and Size read only a tensor's dims, never its values. What is computed from them is computed again at run
/// time from the pruned shape, which is right for a Reshape of channel-carrying data (its own rule checks it) and for
/// entries other than the channel axis (a batch, a sequence length). Where the channel count itself would reach
/// anything else (an Expand, a ConstantOfShape, a Range…, whose result would silently change width), the channels
/// are blocked and that node is named. Checked once the whole graph is traced, since the Reshape may come later.
/// </summary>
internal sealed class ShapeReadChannelHandler : IChannelOpHandler
{
    private static readonly HashSet<string> Arithmetic = new(StringComparer.Ordinal)
    {
        "Unsqueeze", "Squeeze", "Cast", "Identity", "Concat", "Mul", "Add", "Sub", "Div",
    };

    public void Trace(OnnxNode node, ChannelTracer tracer)
    {
        if (tracer.Layout(node.Input(0)) is not { } input)
        {
            return;
        }

        // Shape (opset 15+) may read only dims [start, end): the channel entry is at its position within them.
        var start = node.OpType == "Shape" ? Math.Clamp(Axis(node.GetInt("start", 0), input.Rank), 0, input.Rank) : 0;
        var end = node.OpType == "Shape" ? Math.Clamp(Axis(node.GetInt("end", input.Rank), input.Rank), start, input.Rank) : input.Rank;
        if (input.Axis < start || input.Axis >= end)
        {
            return;
        }

        long? position = node.OpType == "Shape" ? input.Axis - start : null;
        tracer.AtEnd(() =>
        {
            if (FirstMisuse(tracer, node.Output(0), position) is { } user)
            {
                tracer.Block(input, $"{node.OpType} '{node.DisplayName}' passes the channel count to {user.OpType} '{user.DisplayName}', whose result would change width with the pruned channels and has no rule saying it may");
            }
        });
    }

    // The first node that uses the channel entry of `value` other than as a Reshape target of channel-carrying data;
    // position is where that entry sits in `value` (null once it is mixed with others).
    private static OnnxNode? FirstMisuse(ChannelTracer tracer, string value, long? position)
    {
        foreach (var user in tracer.Graph.Consumers(value))
        {
            var next = position;
            switch (user.OpType)
            {
                case "Gather" when position is { } p && user.GetInt("axis") == 0 && Constant(tracer, user.Input(1)) is { } indices:
                    if (!indices.Contains(p))
                    {
                        continue;
                    }

                    next = indices.Length == 1 && tracer.Dims(user.Input(1)) is [] ? null : Array.IndexOf(indices, p);
                    break;
                case "Slice" when position is { } p && Constant(tracer, user.Input(1)) is [var s] && Constant(tracer, user.Input(2)) is [var e] &&
                                  user.Input(3).Length == 0 && user.Input(4).Length == 0:
                    if (p < s || p >= e)
                    {
                        continue;
                    }

                    next = p - s;
                    break;
                case "Reshape" when user.Input(1) == value && tracer.Layout(user.Input(0)) is not null:
                    continue;
                case var op when Arithmetic.Contains(op):
                    next = null;
                    break;
                default:
                    return user;
            }

            if (FirstMisuse(tracer, user.Output(0), next) is { } misuse)
            {
                return misuse;
            }
        }

        return null;
    }

    private static long[]? Constant(ChannelTracer tracer, string name) =>
        name.Length > 0 && tracer.Graph.TryGetInitializer(name, out var t) && t.DataType is OnnxDataType.Int64 or OnnxDataType.Int32 ? t.ToInt64Array() : null;

    private static int Axis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);
}
