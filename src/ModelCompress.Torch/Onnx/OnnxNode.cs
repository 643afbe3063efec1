using ModelCompress.Onnx.Proto;
using static TorchSharp.torch;

namespace ModelCompress.Torch.Onnx;

/// <summary>One graph node as a kernel factory sees it: the proto, the model's opset, typed attribute getters.</summary>
internal sealed class OnnxNode
{
    public OnnxNode(NodeProto proto, long opset)
    {
        Proto = proto;
        Opset = opset;
        Name = string.IsNullOrEmpty(proto.Name) ? $"{proto.OpType}({string.Join(",", proto.Output)})" : proto.Name;
    }

    public NodeProto Proto { get; }

    public long Opset { get; }

    /// <summary>The node's name, or its op type and outputs where the exporter left it unnamed.</summary>
    public string Name { get; }

    public string OpType => Proto.OpType;

    public bool Has(string name) => Find(name) is not null;

    public long Int(string name, long fallback) => Find(name) is { } a ? a.I : fallback;

    public float Float(string name, float fallback) => Find(name) is { } a ? a.F : fallback;

    public string String(string name, string fallback) => Find(name) is { } a ? a.S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => Find(name) is { } a ? a.Ints.ToArray() : null;

    public float[]? Floats(string name) => Find(name) is { } a ? a.Floats.ToArray() : null;

    public TensorProto? TensorValue(string name) => Find(name)?.T;

    /// <summary>An attribute or setting the bridge cannot honour: MC3102 naming this node.</summary>
    public CompressionException Unsupported(string what) =>
        new(TorchDiagnostics.UnsupportedNodeSetting(OpType, Name, what));

    private AttributeProto? Find(string name)
    {
        foreach (var attribute in Proto.Attribute)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }
}
