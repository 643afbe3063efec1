using Google.Protobuf;

namespace ModelCompress.Torch.Tests.Support;

/// <summary>Builds small ONNX models in code for tests of single behaviours.</summary>
internal sealed class GraphBuilder(long opset)
{
    private readonly GraphProto _graph = new() { Name = "test" };

    public GraphBuilder Input(string name, int elementType = (int)TensorProto.Types.DataType.Float)
    {
        _graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType } } });
        return this;
    }

    public GraphBuilder Output(string name)
    {
        _graph.Output.Add(new ValueInfoProto { Name = name });
        return this;
    }

    public GraphBuilder Int64s(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.Add(values);
        _graph.Initializer.Add(t);
        return this;
    }

    public GraphBuilder Floats(string name, long[] dims, float[] values, bool raw = true)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.Add(dims);
        if (raw)
        {
            t.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            t.FloatData.Add(values);
        }

        _graph.Initializer.Add(t);
        return this;
    }

    public GraphBuilder Node(string op, string[] inputs, string[] outputs, string? name = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name ?? outputs[0] };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        return this;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public ModelProto Build()
    {
        var model = new ModelProto { IrVersion = 8, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model;
    }
}
