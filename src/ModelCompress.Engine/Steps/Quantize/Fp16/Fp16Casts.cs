using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>The Cast nodes at float32/float16 boundaries, one per value and direction, shared by every reader.</summary>
internal sealed class Fp16Casts(OnnxGraph graph, Fp16Plan plan)
{
    private readonly Dictionary<(string Value, int To), string> _made = [];

    public int Count { get; private set; }

    /// <summary>The name of <paramref name="value"/> cast to element type <paramref name="to"/>, making the Cast once.</summary>
    public string To(string value, int to)
    {
        if (_made.TryGetValue((value, to), out var known))
        {
            return known;
        }

        var output = graph.UniqueName($"{value}_{(to == (int)OnnxDataType.Float16 ? "fp16" : "fp32")}");
        Add(value, output, to);
        _made[(value, to)] = output;
        plan.Types[output] = OnnxDataType.Float;
        if (to == (int)OnnxDataType.Float16)
        {
            plan.Float16Values.Add(output);
        }

        return output;
    }

    public void Add(string input, string output, int to)
    {
        graph.AddNode(OnnxNode.Create("Cast", graph.UniqueName($"{output}_Cast"), [input], [output]).SetAttribute("to", (long)to));
        Count++;
    }

    /// <summary>Every name read inside a body, nested bodies included.</summary>
    public static IEnumerable<string> References(GraphProto body) =>
        body.Node.SelectMany(n => n.Input.Concat(n.Attribute.SelectMany(Bodies).SelectMany(References)));

    /// <summary>Renames reads of <paramref name="from"/> inside a body, nested bodies included.</summary>
    public static void Rename(GraphProto body, string from, string to)
    {
        foreach (var node in body.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                node.Input[i] = node.Input[i] == from ? to : node.Input[i];
            }

            foreach (var nested in node.Attribute.SelectMany(Bodies))
            {
                Rename(nested, from, to);
            }
        }
    }

    private static IEnumerable<GraphProto> Bodies(AttributeProto attribute) =>
        attribute.G is null ? attribute.Graphs : attribute.Graphs.Append(attribute.G);
}
