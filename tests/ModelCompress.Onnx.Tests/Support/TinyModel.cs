namespace ModelCompress.Onnx.Tests.Support;

/// <summary>Builds small hand-made models for pass tests: float inputs, nodes, initializers, named outputs.</summary>
internal sealed class TinyModel
{
    private readonly OnnxModel _model;

    public TinyModel(long opset = 17)
    {
        _model = new OnnxModel(new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "tiny" } });
        _model.SetOpsetVersion("", opset);
    }

    public OnnxGraph Graph => _model.Graph;

    public TinyModel Input(string name, params long[] dims)
    {
        Graph.Proto.Input.Add(new ValueInfoProto { Name = name, Type = OnnxTensorType.Of(OnnxDataType.Float, dims).ToProto() });
        return this;
    }

    public TinyModel Output(string name)
    {
        Graph.Proto.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public TinyModel Weight(string name, long[] dims, int seed = 1)
    {
        var count = (int)dims.Aggregate(1L, (p, d) => p * d);
        var random = new Random(seed);
        Graph.SetInitializer(OnnxTensor.FromFloats(name, dims, Enumerable.Range(0, count).Select(_ => random.NextSingle() - 0.5f).ToArray()));
        return this;
    }

    public TinyModel Tensor(OnnxTensor tensor)
    {
        Graph.SetInitializer(tensor);
        return this;
    }

    public OnnxNode Node(string op, string[] inputs, params string[] outputs)
    {
        var node = OnnxNode.Create(op, op.ToLowerInvariant() + Graph.Proto.Node.Count, inputs, outputs);
        Graph.AddNode(node);
        return node;
    }

    public OnnxModel Build() => OnnxModel.FromBytes(_model.ToBytes());
}
