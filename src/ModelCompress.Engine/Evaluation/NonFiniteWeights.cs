namespace ModelCompress.Engine.Evaluation;

/// <summary>
/// Floating-point weights holding NaN or infinity in initializers, or NaN in <c>Constant</c> nodes (some exporters keep
/// weights there). A run refuses such a model (MC3307); <c>eval</c> still measures it but says why its accuracy and
/// outputs are NaN or meaningless (MC3310), naming the weights, instead of printing a silent NaN.
/// </summary>
public static class NonFiniteWeights
{
    /// <summary>One weight holding a value that is not finite: its name, the first such element and its value.</summary>
    public sealed record Finding(string Name, int Index, float Value, int Count);

    /// <summary>Every weight with a NaN or infinite element, in graph order (initializers first).</summary>
    public static IReadOnlyList<Finding> Find(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // A Constant node may hold -inf on purpose (an attention mask); only NaN is never meant there.
        var weights = model.Graph.Initializers.Select(t => (t.Name, Tensor: (OnnxTensor?)t, Bad: (Func<float, bool>)(v => !float.IsFinite(v))))
            .Concat(model.Graph.Nodes.Where(n => n.OpType == "Constant" && n.Domain is "" or "ai.onnx")
                .Select(n => (Name: n.Outputs.Count > 0 ? n.Outputs[0] : n.Name, Tensor: n.GetTensor("value"), Bad: (Func<float, bool>)float.IsNaN)));
        var found = new List<Finding>();
        foreach (var (name, tensor, bad) in weights)
        {
            if (tensor is null || !tensor.DataType.IsFloatingPoint())
            {
                continue;
            }

            var values = tensor.ToFloatArray();
            var first = Array.FindIndex(values, v => bad(v));
            if (first >= 0)
            {
                found.Add(new Finding(name, first, values[first], values.Count(bad)));
            }
        }

        return found;
    }

    /// <summary>MC3310 (warning): <c>eval</c> of a model whose weights hold NaN or infinity.</summary>
    public static Diagnostic Warning(string file, IReadOnlyList<Finding> found) => Diagnostic.Warning("MC3310",
        $"The model's weights hold NaN or infinity ({Describe(found)}), so its outputs and accuracy below are NaN or " +
        "meaningless. Fix the training that produced it (or re-export a good checkpoint).", file: file);

    /// <summary>"'w' (3 of its values, first element 5 = NaN), ..." for at most three weights.</summary>
    public static string Describe(IReadOnlyList<Finding> found) =>
        string.Join(", ", found.Take(3).Select(f => string.Create(CultureInfo.InvariantCulture,
            $"'{f.Name}' ({f.Count} of its values, first element {f.Index} = {f.Value})")))
        + (found.Count > 3 ? $" and {found.Count - 3} more" : "");
}
