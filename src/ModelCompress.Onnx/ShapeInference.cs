using ModelCompress.Onnx.Shapes;

namespace ModelCompress.Onnx;

/// <summary>
/// Static shape inference for the ops of Conv/Gemm/MatMul networks (convs, pools, elementwise, Gemm, MatMul,
/// Flatten, Reshape, Transpose, Concat, Gather, Slice, Reduce*, BatchNormalization, Softmax, Resize with constant
/// scales, and the quantization ops this tool emits). Symbolic dimensions such as <c>batch</c> are carried by name,
/// and so are the values of integer tensors computed from Shape (<see cref="Shapes.ShapeValues"/>), so a Reshape whose
/// target is built at run time is inferred too.
/// Ops without a rule leave their outputs unknown rather than failing: later steps decide whether they need them.
/// </summary>
public static class ShapeInference
{
    /// <summary>Infers the type of every value it can, from graph inputs and initializers forward.</summary>
    public static ShapeInferenceResult Infer(OnnxModel model) => Infer(model, bindInputSymbolsTo: null);

    /// <summary>
    /// Like <see cref="Infer(OnnxModel)"/>, but every dimension of a graph input that is not a number (a symbolic
    /// <c>batch</c>, say) is taken as <paramref name="bindInputSymbolsTo"/>; per-sample figures such as MACs use 1.
    /// </summary>
    public static ShapeInferenceResult Infer(OnnxModel model, long? bindInputSymbolsTo)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var types = new Dictionary<string, OnnxTensorType>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializers)
        {
            types[tensor.Name] = new OnnxTensorType(tensor.DataType, tensor.Dims.Select(OnnxDim.Of).ToArray());
        }

        foreach (var input in graph.Inputs.Where(i => i.Type is not null && !types.ContainsKey(i.Name)))
        {
            types[input.Name] = bindInputSymbolsTo is { } bound && input.Type!.Dims is { } dims
                ? input.Type with { Dims = dims.Select(d => d.IsKnown ? d : OnnxDim.Of(bound)).ToArray() }
                : input.Type!;
        }

        var context = new ShapeContext(graph, types, new Dictionary<string, OnnxTensor>(StringComparer.Ordinal), model.OpsetVersion());
        var skipped = new List<string>();
        foreach (var node in graph.TopologicalOrder())
        {
            var rule = node.Domain is "" or "ai.onnx" ? ShapeRules.All.GetValueOrDefault(node.OpType) : null;
            var outputs = rule?.Invoke(context, node);
            if (rule is not null)
            {
                ShapeValues.Record(context, node);
            }

            if (outputs is null)
            {
                skipped.Add(node.DisplayName);
                continue;
            }

            for (var i = 0; i < outputs.Length && i < node.Outputs.Count; i++)
            {
                if (outputs[i] is { } type && node.Outputs[i].Length > 0)
                {
                    types[node.Outputs[i]] = type;
                }
            }
        }

        return new ShapeInferenceResult(types, skipped, context.Values);
    }
}
