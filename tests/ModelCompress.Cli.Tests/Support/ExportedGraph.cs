using ModelCompress.Onnx;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Cli.Tests.Support;

/// <summary>
/// Writes a graph node by node the way an exporter does: weights as initializers or as <c>Constant</c> nodes
/// (Paddle2ONNX), names as the exporter spells them. Used by <see cref="ExporterModels"/>.
/// </summary>
internal sealed class ExportedGraph
{
    private readonly GraphProto _graph;
    private readonly bool _weightsAsConstants;

    public ExportedGraph(string name, bool weightsAsConstants)
    {
        _graph = new GraphProto { Name = name };
        _weightsAsConstants = weightsAsConstants;
    }

    public void Input(string name, OnnxDataType type, params OnnxDim[] dims) =>
        _graph.Input.Add(new ValueInfoProto { Name = name, Type = new OnnxTensorType(type, dims).ToProto() });

    public void Output(string name) => _graph.Output.Add(new ValueInfoProto { Name = name });

    /// <summary>A float weight, stored the exporter's way; returns the value name nodes read.</summary>
    public string Weight(string name, IReadOnlyList<long> dims, float[] values) => Store(OnnxTensor.FromFloats(name, dims, values));

    public string Int64s(string name, params long[] values) => Store(OnnxTensor.FromInt64s(name, [values.Length], values));

    public string Int64Scalar(string name, long value) => Store(OnnxTensor.FromInt64s(name, [], [value]));

    public string Scalar(string name, float value) => Store(OnnxTensor.Scalar(name, value));

    /// <summary>Adds a node with one output named <paramref name="output"/>; returns the node to set attributes.</summary>
    public OnnxNode Node(string op, string name, string output, params string[] inputs)
    {
        var node = OnnxNode.Create(op, name, inputs, [output]);
        _graph.Node.Add(node.Proto);
        return node;
    }

    public OnnxModel ToModel(int opset, string producer)
    {
        var model = new OnnxModel(new ModelProto { IrVersion = 7, ProducerName = producer, Graph = _graph });
        model.SetOpsetVersion("", opset);
        return model;
    }

    private string Store(OnnxTensor tensor)
    {
        if (_weightsAsConstants)
        {
            _graph.Node.Add(OnnxNode.Create("Constant", tensor.Name + "_const", [], [tensor.Name]).SetAttribute("value", tensor).Proto);
        }
        else
        {
            _graph.Initializer.Add(tensor.ToProto());
        }

        return tensor.Name;
    }
}
