namespace ModelCompress.Onnx.Shapes;

/// <summary>What a shape rule may ask while inferring one node: input types and constant inputs.</summary>
internal sealed class ShapeContext
{
    private readonly OnnxGraph _graph;
    private readonly Dictionary<string, OnnxTensorType> _types;
    private readonly Dictionary<string, OnnxTensor> _constants;
    private readonly Dictionary<string, OnnxDim[]> _values = new(StringComparer.Ordinal);

    public ShapeContext(OnnxGraph graph, Dictionary<string, OnnxTensorType> types, Dictionary<string, OnnxTensor> constants, long opset)
    {
        _graph = graph;
        _types = types;
        _constants = constants;
        Opset = opset;
    }

    /// <summary>The default-domain opset of the model (some ops moved attributes to inputs over versions).</summary>
    public long Opset { get; }

    /// <summary>The type of a value, or null when unknown or absent.</summary>
    public OnnxTensorType? TypeOf(string value) =>
        value.Length > 0 && _types.TryGetValue(value, out var t) ? t : null;

    /// <summary>The type of input <paramref name="index"/> of <paramref name="node"/>.</summary>
    public OnnxTensorType? Input(OnnxNode node, int index) => TypeOf(node.Input(index));

    /// <summary>The dims of input <paramref name="index"/>, or null when its rank is unknown.</summary>
    public IReadOnlyList<OnnxDim>? Dims(OnnxNode node, int index) => Input(node, index)?.Dims;

    /// <summary>The constant value of an input (initializer or Constant node output), or null.</summary>
    public OnnxTensor? Constant(OnnxNode node, int index)
    {
        var name = node.Input(index);
        if (name.Length == 0)
        {
            return null;
        }

        if (_constants.TryGetValue(name, out var c))
        {
            return c;
        }

        return _graph.TryGetInitializer(name, out var t) ? t : null;
    }

    /// <summary>Constant int64/int32 values of an input, or null.</summary>
    public long[]? ConstantInts(OnnxNode node, int index) =>
        Constant(node, index) is { DataType: OnnxDataType.Int64 or OnnxDataType.Int32 } t ? t.ToInt64Array() : null;

    /// <summary>Constant float values of an input, or null.</summary>
    public float[]? ConstantFloats(OnnxNode node, int index) =>
        Constant(node, index) is { } t && t.DataType.IsFloatingPoint() ? t.ToFloatArray() : null;

    /// <summary>Records a Constant node's value so later rules can read it.</summary>
    public void AddConstant(string name, OnnxTensor value) => _constants[name] = value;

    /// <summary>Shape values recorded so far (1-D or scalar integer tensors whose entries are dims).</summary>
    public IReadOnlyDictionary<string, OnnxDim[]> Values => _values;

    /// <summary>
    /// The entries of an integer input as dims: a constant's numbers, or a value computed from Shape (whose entries
    /// may be symbolic, e.g. the batch); null when neither.
    /// </summary>
    public OnnxDim[]? ValueOf(OnnxNode node, int index) =>
        node.Input(index) is { Length: > 0 } name && _values.TryGetValue(name, out var value)
            ? value
            : ConstantInts(node, index)?.Select(OnnxDim.Of).ToArray();

    /// <summary>Records the dims an integer value holds (computed from Shape).</summary>
    public void AddValue(string name, OnnxDim[] value) => _values[name] = value;
}
