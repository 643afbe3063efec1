namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// A feed-forward block: an up projection (MatMul or Gemm with a float weight initializer, optionally followed by a
/// bias Add), an element-wise activation path, and a down projection that alone consumes it. Intermediate neuron j
/// is column j of the up weight, entry j of its bias and row j of the down weight.
/// </summary>
/// <param name="Up">The first MatMul/Gemm.</param>
/// <param name="UpAxis">The axis of the up weight that indexes neurons.</param>
/// <param name="Bias">The bias initializer (Gemm C or the following Add's constant), or null.</param>
/// <param name="Down">The second MatMul/Gemm.</param>
/// <param name="DownAxis">The axis of the down weight that indexes neurons.</param>
/// <param name="Hidden">The values between the two, whose last dimension shrinks.</param>
/// <param name="Width">The number of neurons.</param>
internal sealed record FfnBlock(OnnxNode Up, int UpAxis, string? Bias, OnnxNode Down, int DownAxis, IReadOnlyList<string> Hidden, int Width)
{
    // Element-wise ops the activation path may contain (PyTorch writes GELU as Div, Erf, Add, Mul, Mul).
    private static readonly HashSet<string> Elementwise = new(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "Gelu", "Erf", "Sigmoid", "Tanh", "Elu", "Selu", "Softplus", "HardSigmoid", "HardSwish",
        "Mish", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Clip", "Identity", "Dropout",
    };

    /// <summary>The block starting at <paramref name="up"/>, or null with the reason it is not one.</summary>
    public static (FfnBlock? Block, string? Why) From(OnnxGraph graph, OnnxNode up)
    {
        if (Weight(graph, up) is not { } w1 || Axis(up, w1, output: true) is not { } upAxis)
        {
            return (null, "its weight is not a 2-D float initializer");
        }

        var width = (int)w1.Dims[upAxis];
        string? bias = up.OpType == "Gemm" && up.Input(2).Length > 0 ? up.Input(2) : null;
        if (bias is not null && (!graph.TryGetInitializer(bias, out var c) || c.ElementCount != width))
        {
            return (null, "its bias is not a per-neuron initializer");
        }

        // First the closure of values derived element-wise from the up projection, then a check that every node on
        // it mixes them only with each other, a per-neuron bias right after the projection, or scalar constants.
        var hidden = new List<string> { up.Output(0) };
        var path = new List<OnnxNode>();
        var frontier = new Queue<string>(hidden);
        OnnxNode? down = null;
        while (frontier.TryDequeue(out var value))
        {
            if (graph.IsGraphOutput(value))
            {
                return (null, $"'{value}' is a graph output");
            }

            foreach (var user in graph.Consumers(value).Where(u => !path.Contains(u)))
            {
                if (user.OpType is "MatMul" or "Gemm" && user.Input(0) == value && user != up)
                {
                    if (down is not null && down != user)
                    {
                        return (null, $"the hidden values reach two projections ({down.DisplayName}, {user.DisplayName})");
                    }

                    down = user;
                    continue;
                }

                if (!Elementwise.Contains(user.OpType) || user.Domain is not ("" or "ai.onnx"))
                {
                    return (null, $"the hidden values reach {user.OpType} node {user.DisplayName}, which is not element-wise");
                }

                path.Add(user);
                foreach (var output in user.Outputs.Where(o => o.Length > 0 && !hidden.Contains(o)))
                {
                    hidden.Add(output);
                    frontier.Enqueue(output);
                }
            }
        }

        foreach (var node in path)
        {
            foreach (var other in node.Inputs.Where(i => i.Length > 0 && !hidden.Contains(i)))
            {
                if (bias is null && node.OpType == "Add" && node.Inputs.Contains(up.Output(0))
                    && graph.TryGetInitializer(other, out var b) && b.ElementCount == width && b.Dims.Count == 1)
                {
                    bias = other;
                }
                else if (!IsScalar(graph, other))
                {
                    return (null, $"{node.DisplayName} mixes the hidden values with '{other}', which is not a scalar constant");
                }
            }
        }

        if (down is null || Weight(graph, down) is not { } w2 || Axis(down, w2, output: false) is not { } downAxis || w2.Dims[downAxis] != width)
        {
            return (null, "no second MatMul/Gemm with a matching float weight consumes the hidden values");
        }

        return (new FfnBlock(up, upAxis, bias, down, downAxis, hidden, width), null);
    }

    private static OnnxTensor? Weight(OnnxGraph graph, OnnxNode node) =>
        graph.TryGetInitializer(node.Input(1), out var w) && w.DataType == OnnxDataType.Float && w.Dims.Count == 2
            && graph.Consumers(w.Name).Count == 1
            ? w
            : null;

    // MatMul B is [in, out]; Gemm B is [in, out], or [out, in] with transB.
    private static int? Axis(OnnxNode node, OnnxTensor weight, bool output)
    {
        var transposed = node.OpType == "Gemm" && node.GetInt("transB") != 0;
        if (node.OpType == "Gemm" && node.GetInt("transA") != 0)
        {
            return null;
        }

        return output ^ transposed ? 1 : 0;
    }

    private static bool IsScalar(OnnxGraph graph, string value)
    {
        if (graph.TryGetInitializer(value, out var t))
        {
            return t.ElementCount == 1;
        }

        return graph.Producer(value) is { OpType: "Constant" } constant && constant.GetTensor("value") is { ElementCount: 1 };
    }
}
