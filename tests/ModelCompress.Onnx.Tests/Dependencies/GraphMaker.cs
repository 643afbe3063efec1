using ModelCompress.Onnx.Proto;

namespace ModelCompress.Onnx.Tests.Dependencies;

/// <summary>Builds small random-weight graphs (residual Add, Concat, depthwise Conv, Flatten→Gemm) for the channel tests.</summary>
internal sealed class GraphMaker
{
    private readonly ModelProto _model = new() { IrVersion = 8, Graph = new GraphProto { Name = "generated" } };
    private readonly Random _random = new(7);
    private int _count;

    public GraphMaker(string input, params long[] shape)
    {
        _model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        _model.Graph.Input.Add(ValueInfo(input, shape));
    }

    public OnnxGraph Graph => new OnnxModel(_model).Graph;

    /// <summary>Makes the first dim of the graph input symbolic (a dynamic batch, as exporters write it).</summary>
    public GraphMaker SymbolicBatch(string symbol = "batch")
    {
        _model.Graph.Input[0].Type.TensorType.Shape.Dim[0] = OnnxDim.Named(symbol).ToProto();
        return this;
    }

    /// <summary>Sets the default-domain opset (13 unless changed).</summary>
    public GraphMaker Opset(long version)
    {
        _model.OpsetImport[0].Version = version;
        return this;
    }

    public string Conv(string x, long inChannels, long outChannels, long kernel = 3, long group = 1, bool bias = true)
    {
        var w = Weight("w", outChannels, inChannels / group, kernel, kernel);
        var inputs = bias ? new[] { x, w, Weight("b", outChannels) } : [x, w];
        return Node("Conv", inputs, n => n.SetAttribute("group", group).SetAttribute("pads", [kernel / 2, kernel / 2, kernel / 2, kernel / 2]));
    }

    public string BatchNorm(string x, long channels)
    {
        var scale = Weight("gamma", channels);
        var beta = Weight("beta", channels);
        var mean = Weight("mean", channels);
        var variance = Constant("var", [channels], Enumerable.Range(0, (int)channels).Select(_ => 0.5f + _random.NextSingle()).ToArray());
        return Node("BatchNormalization", [x, scale, beta, mean, variance]);
    }

    public string Gemm(string x, long inFeatures, long outFeatures) =>
        Node("Gemm", [x, Weight("w", outFeatures, inFeatures), Weight("b", outFeatures)], n => n.SetAttribute("transB", 1L));

    public string MatMul(string x, long inFeatures, long outFeatures) => Node("MatMul", [x, Weight("w", inFeatures, outFeatures)]);

    public string Op(string op, params string[] inputs) => Node(op, inputs);

    public string Op(string op, string[] inputs, Action<OnnxNode> attributes) => Node(op, inputs, attributes);

    public string Weight(string name, params long[] dims)
    {
        var values = new float[dims.Aggregate(1L, (p, d) => p * d)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (_random.NextSingle() * 2) - 1;
        }

        return Constant(name, dims, values);
    }

    public string Int64s(string name, params long[] values)
    {
        var fresh = $"{name}{_count++}";
        _model.Graph.Initializer.Add(OnnxTensor.FromInt64s(fresh, [values.Length], values).ToProto());
        return fresh;
    }

    public string Int64Scalar(string name, long value)
    {
        var fresh = $"{name}{_count++}";
        _model.Graph.Initializer.Add(OnnxTensor.FromInt64s(fresh, [], [value]).ToProto());
        return fresh;
    }

    /// <summary>A node with a given name (for tests that look for it in a reason).</summary>
    public string Named(string op, string name, params string[] inputs)
    {
        _model.Graph.Node.Add(OnnxNode.Create(op, name, inputs, [name + "_out"]).Proto);
        return name + "_out";
    }

    public OnnxModel Finish(string output, params long[] shape)
    {
        _model.Graph.Output.Add(ValueInfo(output, shape));
        return new OnnxModel(_model.Clone());
    }

    private static ValueInfoProto ValueInfo(string name, long[] shape) =>
        new() { Name = name, Type = OnnxTensorType.Of(OnnxDataType.Float, shape).ToProto() };

    private string Constant(string name, long[] dims, float[] values)
    {
        var fresh = $"{name}{_count++}";
        _model.Graph.Initializer.Add(OnnxTensor.FromFloats(fresh, dims, values).ToProto());
        return fresh;
    }

    private string Node(string op, string[] inputs, Action<OnnxNode>? attributes = null)
    {
        var name = $"{op.ToLowerInvariant()}{_count++}";
        var node = OnnxNode.Create(op, name, inputs, [name + "_out"]);
        attributes?.Invoke(node);
        _model.Graph.Node.Add(node.Proto);
        return name + "_out";
    }
}
