namespace ModelCompress.Onnx.Preparation;

/// <summary>
/// Raises a model's default-domain opset (up to 13) and rewrites the nodes whose form changed on the way, so a step that
/// needs a newer op (QuantizeLinear with an axis, DynamicQuantizeLinear) can run on what old exporters write
/// (Paddle2ONNX defaulted to opset 9): Slice (10), Clip and Pad (11) take inputs instead of attributes, Dropout
/// loses its ratio attribute (12), Squeeze, Unsqueeze, ReduceSum and Split take their axes or sizes as inputs and
/// Softmax-like ops normalize over one axis (13; the old meaning is spelled out with Flatten and Reshape unless the
/// axis is the last). Ops whose meaning changed beyond form (Upsample, Resize, Scatter) block the upgrade; the model
/// is then left unchanged.
/// </summary>
public static class OpsetUpgrade
{
    /// <summary>The highest opset this upgrade reaches.</summary>
    public const long MaxTarget = 13;

    /// <summary>The oldest opset this upgrade starts from (BatchNormalization, Upsample and others changed before it).</summary>
    public const long MinSource = 9;

    private static readonly string[] Blocking = ["Upsample", "Resize", "Scatter", "DynamicSlice", "Loop", "Scan", "If"];

    /// <summary>
    /// Raises <paramref name="model"/> to <paramref name="target"/> in place; returns null when done (or nothing to do),
    /// else why not ("node 'n' (Upsample): ..."), with the model unchanged.
    /// </summary>
    public static string? Raise(OnnxModel model, long target)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, MaxTarget);
        var from = model.OpsetVersion();
        if (from >= target)
        {
            return null;
        }

        if (from < MinSource)
        {
            return $"opset {from} is older than this upgrade reaches back to ({MinSource})";
        }

        var graph = model.Graph;
        // The file's own types first (graph preparation writes ORT's), then the static inference.
        var shapes = DeclaredTypes.Of(model);
        foreach (var node in graph.Nodes.Where(n => n.Domain is "" or "ai.onnx"))
        {
            if (Blocker(node, from, target) is { } reason)
            {
                return $"node '{node.DisplayName}' ({node.OpType}): {reason}";
            }
        }

        foreach (var node in graph.Nodes.Where(n => n.Domain is "" or "ai.onnx").ToList())
        {
            Rewrite(graph, node, from, target, shapes);
        }

        model.SetOpsetVersion(string.Empty, target);
        model.Proto.IrVersion = Math.Max(model.Proto.IrVersion, 7);
        graph.Invalidate();
        return null;
    }

    private static string? Blocker(OnnxNode node, long from, long target)
    {
        if (Blocking.Contains(node.OpType))
        {
            return $"its definition changed between opset {from} and {target} beyond its form";
        }

        return null;
    }

    private static void Rewrite(OnnxGraph graph, OnnxNode node, long from, long target, IReadOnlyDictionary<string, OnnxTensorType> shapes)
    {
        switch (node.OpType)
        {
            case "Slice" when from < 10 && target >= 10:
                var starts = Ints(node, "starts") ?? [];
                var ends = Ints(node, "ends") ?? [];
                var axes = Ints(node, "axes");
                var inputs = new List<string> { node.Input(0), Constant(graph, node, "starts", starts), Constant(graph, node, "ends", ends) };
                if (axes is not null)
                {
                    inputs.Add(Constant(graph, node, "axes", axes));
                }

                SetInputs(node, inputs);
                break;
            case "Clip" when from < 11 && target >= 11:
                var min = node.HasAttribute("min") ? Scalar(graph, node, "min", node.GetFloat("min")) : string.Empty;
                var max = node.HasAttribute("max") ? Scalar(graph, node, "max", node.GetFloat("max")) : string.Empty;
                node.RemoveAttribute("min");
                node.RemoveAttribute("max");
                SetInputs(node, max.Length > 0 ? [node.Input(0), min, max] : min.Length > 0 ? [node.Input(0), min] : [node.Input(0)]);
                break;
            case "Pad" when from < 11 && target >= 11:
                var pads = Constant(graph, node, "pads", Ints(node, "pads") ?? []);
                var value = node.GetFloat("value", 0f);
                node.RemoveAttribute("value");
                SetInputs(node, value == 0f ? [node.Input(0), pads] : [node.Input(0), pads, Scalar(graph, node, "value", value)]);
                break;
            case "Dropout" when from < 12 && target >= 12:
                node.RemoveAttribute("ratio");
                break;
            case "Squeeze" or "Unsqueeze" or "ReduceSum" when from < 13 && target >= 13:
                AttributeToInput(graph, node, "axes");
                break;
            case "Split" when from < 13 && target >= 13:
                AttributeToInput(graph, node, "split");
                break;
            case "Softmax" or "LogSoftmax" or "Hardmax" when from < 13 && target >= 13:
                CoercedTo2D(graph, node, shapes.GetValueOrDefault(node.Input(0))?.Dims?.Count);
                break;
        }
    }

    // Before opset 13 these ops flatten the input to 2-D at 'axis' and normalize each row; from 13 on they normalize
    // one axis. The same on the last axis; elsewhere (or with the rank unknown) the old meaning is spelled out:
    // Flatten(axis) → op(axis 1) → Reshape back to the input's shape.
    private static void CoercedTo2D(OnnxGraph graph, OnnxNode node, int? rank)
    {
        var axis = node.GetInt("axis", 1);
        if (rank is { } r && (axis < 0 ? axis + r : axis) == r - 1)
        {
            return;
        }

        var name = node.DisplayName;
        var flat = graph.UniqueName(name + "_2d");
        var normalized = graph.UniqueName(name + "_rows");
        var shape = graph.UniqueName(name + "_shape");
        var op = OnnxNode.Create(node.OpType, name, [flat], [normalized]).SetAttribute("axis", 1L);
        graph.ReplaceNode(node,
        [
            OnnxNode.Create("Flatten", graph.UniqueName(name + "_flatten"), [node.Input(0)], [flat]).SetAttribute("axis", axis),
            op,
            OnnxNode.Create("Shape", graph.UniqueName(name + "_shape_of"), [node.Input(0)], [shape]),
            OnnxNode.Create("Reshape", graph.UniqueName(name + "_back"), [normalized, shape], [node.Output(0)]),
        ]);
    }

    private static void AttributeToInput(OnnxGraph graph, OnnxNode node, string attribute)
    {
        if (Ints(node, attribute) is { } values)
        {
            SetInputs(node, [node.Input(0), Constant(graph, node, attribute, values)]);
        }
    }

    private static long[]? Ints(OnnxNode node, string name)
    {
        var values = node.GetInts(name)?.ToArray();
        node.RemoveAttribute(name);
        return values;
    }

    private static string Constant(OnnxGraph graph, OnnxNode node, string what, long[] values)
    {
        var name = graph.UniqueName($"{node.DisplayName}_{what}");
        graph.SetInitializer(OnnxTensor.FromInt64s(name, [values.Length], values));
        return name;
    }

    private static string Scalar(OnnxGraph graph, OnnxNode node, string what, float value)
    {
        var name = graph.UniqueName($"{node.DisplayName}_{what}");
        graph.SetInitializer(OnnxTensor.Scalar(name, value));
        return name;
    }

    private static void SetInputs(OnnxNode node, IReadOnlyList<string> inputs)
    {
        node.Proto.Input.Clear();
        node.Proto.Input.AddRange(inputs);
    }
}
