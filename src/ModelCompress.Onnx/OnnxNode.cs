namespace ModelCompress.Onnx;

/// <summary>
/// A node of a graph: op type, inputs, outputs and typed attribute access with the defaults of the op's schema
/// passed by the caller. An empty input name means an omitted optional input, as in ONNX.
/// </summary>
public sealed partial class OnnxNode
{
    private OnnxGraph? _graph;

    /// <summary>Wraps an existing node message.</summary>
    public OnnxNode(NodeProto proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        Proto = proto;
    }

    /// <summary>The underlying message.</summary>
    public NodeProto Proto { get; }

    /// <summary>The node name (may be empty in files from some exporters).</summary>
    public string Name => Proto.Name;

    /// <summary>The operator, e.g. <c>Conv</c>.</summary>
    public string OpType => Proto.OpType;

    /// <summary>The operator's domain; "" for the default ONNX domain.</summary>
    public string Domain => Proto.Domain;

    /// <summary>Input value names, in order.</summary>
    public IReadOnlyList<string> Inputs => Proto.Input;

    /// <summary>Output value names, in order.</summary>
    public IReadOnlyList<string> Outputs => Proto.Output;

    /// <summary>A display name: the node name, or its op type and first output when unnamed.</summary>
    public string DisplayName => Name.Length > 0 ? Name : $"{OpType}({(Outputs.Count > 0 ? Outputs[0] : "?")})";

    /// <summary>Input <paramref name="index"/>, or "" when the node has fewer inputs (an omitted optional input).</summary>
    public string Input(int index) => index < Proto.Input.Count ? Proto.Input[index] : string.Empty;

    /// <summary>Output <paramref name="index"/>, or "" when absent.</summary>
    public string Output(int index) => index < Proto.Output.Count ? Proto.Output[index] : string.Empty;

    /// <summary>Creates a node in the default domain (or <paramref name="domain"/>).</summary>
    public static OnnxNode Create(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain = "")
    {
        var proto = new NodeProto { OpType = opType, Name = name };
        if (domain.Length > 0)
        {
            proto.Domain = domain;
        }

        proto.Input.AddRange(inputs);
        proto.Output.AddRange(outputs);
        return new OnnxNode(proto);
    }

    /// <summary>Points input <paramref name="index"/> at another value (padding omitted inputs with "").</summary>
    public void SetInput(int index, string value)
    {
        while (Proto.Input.Count <= index)
        {
            Proto.Input.Add(string.Empty);
        }

        Proto.Input[index] = value;
        _graph?.Invalidate();
    }

    /// <summary>Renames output <paramref name="index"/>.</summary>
    public void SetOutput(int index, string value)
    {
        Proto.Output[index] = value;
        _graph?.Invalidate();
    }

    /// <inheritdoc />
    public override string ToString() => $"{DisplayName} [{OpType}]";

    internal void Attach(OnnxGraph? graph) => _graph = graph;
}
