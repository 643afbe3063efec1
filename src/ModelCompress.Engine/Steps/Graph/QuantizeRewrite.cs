namespace ModelCompress.Engine.Steps.Graph;

/// <summary>
/// State shared by the rewrites of one model: the graph, the inferred types, and the DynamicQuantizeLinear node
/// already made for each activation, so that two nodes reading the same tensor quantize it once.
/// </summary>
internal sealed class QuantizeRewrite(OnnxGraph graph, ShapeInferenceResult types, bool perChannel)
{
    private readonly Dictionary<string, (string Q, string Scale, string ZeroPoint)> _activations = new(StringComparer.Ordinal);

    public OnnxGraph Graph { get; } = graph;

    public ShapeInferenceResult Types { get; } = types;

    public bool PerChannel { get; } = perChannel;

    /// <summary>Why the activation cannot be quantized dynamically, or null.</summary>
    public string? RejectActivation(string value) =>
        Types[value] is { } t && t.ElementType != OnnxDataType.Float
            ? $"input '{value}' is {t.ElementType.OnnxName()}, DynamicQuantizeLinear takes FLOAT"
            : null;

    /// <summary>
    /// The uint8 form of an activation, its scale and zero point; adds the DynamicQuantizeLinear node to
    /// <paramref name="nodes"/> the first time the activation is asked for.
    /// </summary>
    public (string Q, string Scale, string ZeroPoint) Activation(string value, List<OnnxNode> nodes)
    {
        if (_activations.TryGetValue(value, out var known))
        {
            return known;
        }

        var stem = Stem(value);
        var names = (Graph.UniqueName($"{stem}_quantized"), Graph.UniqueName($"{stem}_scale"), Graph.UniqueName($"{stem}_zero_point"));
        nodes.Add(OnnxNode.Create("DynamicQuantizeLinear", Graph.UniqueName($"{stem}_DynamicQuantizeLinear"), [value],
            [names.Item1, names.Item2, names.Item3]));
        _activations[value] = names;
        return names;
    }

    /// <summary>Adds an initializer under a fresh name derived from <paramref name="baseName"/>; returns the name.</summary>
    public string AddInitializer(string baseName, Func<string, OnnxTensor> create)
    {
        var name = Graph.UniqueName(baseName);
        Graph.SetInitializer(create(name));
        return name;
    }

    /// <summary>
    /// The tail every rewrite shares: Cast(int32 → float), Mul by x_scale × w_scale, then Add bias when given,
    /// writing the original node's output name last so downstream nodes are untouched.
    /// </summary>
    public void Rescale(List<OnnxNode> nodes, string stem, string integerOutput, string activationScale, string weightScale, string? bias, string output)
    {
        var cast = Graph.UniqueName($"{stem}_cast_output");
        nodes.Add(OnnxNode.Create("Cast", Graph.UniqueName($"{stem}_Cast"), [integerOutput], [cast]).SetAttribute("to", (long)OnnxDataType.Float));
        var scale = Graph.UniqueName($"{stem}_scale_output");
        nodes.Add(OnnxNode.Create("Mul", Graph.UniqueName($"{stem}_scale_Mul"), [activationScale, weightScale], [scale]));
        var scaled = bias is null ? output : Graph.UniqueName($"{stem}_scaled_output");
        nodes.Add(OnnxNode.Create("Mul", Graph.UniqueName($"{stem}_output_Mul"), [cast, scale], [scaled]));
        if (bias is not null)
        {
            nodes.Add(OnnxNode.Create("Add", Graph.UniqueName($"{stem}_bias_Add"), [scaled, bias], [output]));
        }
    }

    /// <summary>A name stem for new nodes and values, from the node or value name.</summary>
    public static string Stem(string name) => name.Trim('/').Replace('/', '_').Replace(':', '_');
}
