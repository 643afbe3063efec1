using Microsoft.ML.OnnxRuntime;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>
/// ONNX Runtime's shape inference, which knows every op it can run. ORT does not write the types it infers into a
/// saved model, but it reports the type of every graph output: so a copy of the model lists every intermediate
/// tensor as an output, a session loads it without optimization, and its output metadata gives the types.
/// </summary>
internal static class OrtShapeInference
{
    /// <summary>The type ORT inferred for each node output of the main graph, by name.</summary>
    /// <exception cref="OnnxRuntimeException">ORT refused the model.</exception>
    public static IReadOnlyDictionary<string, TypeProto> Infer(OnnxModel model)
    {
        _ = OrtEnvironment.Instance;
        var probe = model.Clone();
        var graph = probe.Graph.Proto;
        var listed = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var values = graph.Node.SelectMany(n => n.Output).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        graph.Output.AddRange(values.Where(v => !listed.Contains(v)).Select(v => new ValueInfoProto { Name = v }));
        DeclareWeightsAsInputs(graph);
        // A Onnx-layer rank is the tie-breaker for one case ORT's metadata cannot tell apart: a scalar and an unknown shape.
        var ranks = ShapeInference.Infer(model);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            IntraOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        InferenceSession session;
        try
        {
            using var probeSource = ModelSource.Of(probe);
            session = probeSource.Open(options);
        }
        catch (OnnxRuntimeException)
        {
            // Some values cannot be graph outputs (a custom op ORT cannot type): the model itself must still load,
            // and preparation goes on knowing no types.
            using var modelSource = ModelSource.Of(model);
            using var plain = modelSource.Open(options);
            return new Dictionary<string, TypeProto>(StringComparer.Ordinal);
        }

        var types = new Dictionary<string, TypeProto>(StringComparer.Ordinal);
        using (session)
        {
            foreach (var (name, metadata) in session.OutputMetadata)
            {
                if (metadata.IsTensor)
                {
                    types[name] = ToProto(metadata, scalar: ranks[name]?.Rank == 0);
                }
            }
        }

        return types;
    }

    /// <summary>The smallest floating-point initializer (bytes) the probe passes as a typed input instead of data.</summary>
    internal const long WeightAsInputBytes = 1 << 20;

    // Shapes follow from a weight's type and dims alone, never from its values (values that steer shapes, such as
    // Reshape targets, Resize scales or Range bounds, are small). So large float weights enter the probe as typed
    // graph inputs: ORT then neither receives nor copies them, and a model of gigabytes (over protobuf's 2 GB, which
    // only exists as files) is inferred from its graph alone.
    private static void DeclareWeightsAsInputs(GraphProto graph)
    {
        var weights = graph.Initializer
            .Where(t => OnnxTensor.Wrap(t) is { DataType: OnnxDataType.Float or OnnxDataType.Float16 or OnnxDataType.BFloat16 or OnnxDataType.Double } w
                && w.ByteSize >= WeightAsInputBytes)
            .ToList();
        var inputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var weight in weights)
        {
            graph.Initializer.Remove(weight);
            if (!inputs.Contains(weight.Name))
            {
                var type = new TypeProto.Types.Tensor { ElemType = weight.DataType, Shape = new TensorShapeProto() };
                type.Shape.Dim.AddRange(weight.Dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
                graph.Input.Add(new ValueInfoProto { Name = weight.Name, Type = new TypeProto { TensorType = type } });
            }
        }
    }

    /// <summary>
    /// Tensor types by name: what ORT inferred, plus the model's inputs and initializers (which ORT does not repeat).
    /// </summary>
    public static IReadOnlyDictionary<string, OnnxTensorType> TensorTypes(OnnxModel model, IReadOnlyDictionary<string, TypeProto> inferred)
    {
        var types = new Dictionary<string, OnnxTensorType>(StringComparer.Ordinal);
        foreach (var (name, type) in inferred)
        {
            if (OnnxTensorType.From(type) is { } tensor)
            {
                types[name] = tensor;
            }
        }

        foreach (var input in model.Graph.Inputs.Where(i => i.Type is not null))
        {
            types[input.Name] = input.Type!;
        }

        foreach (var tensor in model.Graph.Initializers)
        {
            types[tensor.Name] = new OnnxTensorType(tensor.DataType, tensor.Dims.Select(OnnxDim.Of).ToArray());
        }

        return types;
    }

    private static TypeProto ToProto(NodeMetadata metadata, bool scalar)
    {
        // ORT's element type numbers are ONNX's TensorProto.DataType numbers.
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)metadata.ElementDataType };
        var dims = metadata.Dimensions;
        if (dims.Length > 0 || scalar)
        {
            tensor.Shape = new TensorShapeProto();
            for (var i = 0; i < dims.Length; i++)
            {
                var dim = new TensorShapeProto.Types.Dimension();
                var symbol = i < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[i] : string.Empty;
                if (dims[i] >= 0)
                {
                    dim.DimValue = dims[i];
                }
                else if (symbol.Length > 0)
                {
                    dim.DimParam = symbol;
                }

                tensor.Shape.Dim.Add(dim);
            }
        }

        return new TypeProto { TensorType = tensor };
    }
}
