using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>
/// The decisions of one conversion, made before anything is edited: which nodes stay float32 (and why), which
/// values become float16, which constants are stored as float16 (and which need a float16 copy beside them).
/// </summary>
internal sealed class Fp16Plan
{
    // Ops that read any element type: their inputs never need a Cast.
    private static readonly HashSet<string> AnyTypeInputs = new(StringComparer.Ordinal) { "Cast", "Shape", "Size" };

    private readonly HashSet<NodeProto> _kept = new(ReferenceEqualityComparer.Instance);

    private Fp16Plan(Dictionary<string, OnnxDataType> types) => Types = types;

    public Dictionary<string, OnnxDataType> Types { get; }

    public List<Fp16KeptNode> Kept { get; } = [];

    public int ConvertedNodes { get; private set; }

    /// <summary>Values that hold float16 under their own name once the conversion is done.</summary>
    public HashSet<string> Float16Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Float32 constants to store as float16; <c>Split</c> when float32 readers remain (a copy is made).</summary>
    public List<(string Name, bool Split)> Constants { get; } = [];

    /// <summary>Constant → its float16 copy, for constants read by both kinds of slot.</summary>
    public Dictionary<string, string> Copies { get; } = new(StringComparer.Ordinal);

    public static Fp16Plan Create(OnnxGraph graph, Dictionary<string, OnnxDataType> types, Fp16Options options)
    {
        var plan = new Fp16Plan(types);
        var selection = NodeSelection.Create(graph, "quantize", null, options.Exclude);
        var excludedOps = options.ExcludeOps.ToHashSet(StringComparer.Ordinal);
        foreach (var node in graph.TopologicalOrder().Where(plan.TouchesFloat))
        {
            var reason = selection.Reject(node)
                ?? (excludedOps.Contains(node.OpType) ? "op type in exclude_ops" : null)
                ?? Fp16Blocklist.Reason(node)
                ?? (node.Proto.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0) ? "has a subgraph" : null);
            if (reason is not null)
            {
                plan._kept.Add(node.Proto);
                plan.Kept.Add(new Fp16KeptNode(node.DisplayName, node.OpType, reason));
                continue;
            }

            plan.ConvertedNodes++;
            plan.Float16Values.UnionWith(node.Outputs.Where(plan.IsFloat));
        }

        plan.KeepCastsToFloat32Readers(graph, options.KeepIoTypes);
        plan.KeepFloat32ShapeMath(graph, options.KeepIoTypes);
        if (!options.KeepIoTypes)
        {
            plan.Float16Values.UnionWith(graph.DataInputs.Select(i => i.Name).Where(plan.IsFloat));
        }

        plan.PlanConstants(graph, options.KeepIoTypes);
        return plan;
    }

    public bool IsFloat(string value) => value.Length > 0 && Types.TryGetValue(value, out var t) && t == OnnxDataType.Float;

    // Constants are planned separately; Shape and Size only look at their input's shape.
    private bool TouchesFloat(OnnxNode node) => node.OpType != "Constant"
        && (node.Outputs.Any(IsFloat) || (node.Inputs.Any(IsFloat) && !AnyTypeInputs.Contains(node.OpType)));

    public bool IsConverted(OnnxNode node) => !_kept.Contains(node.Proto);

    /// <summary>True when input <paramref name="slot"/> must be float16, false float32, null when it takes either or is not float.</summary>
    public bool? Wants(OnnxNode node, int slot)
    {
        if (!IsFloat(node.Input(slot)) || AnyTypeInputs.Contains(node.OpType))
        {
            return null;
        }

        return IsConverted(node) && !Fp16Blocklist.KeepsFloat32(node, slot);
    }

    // A Cast to float32 that feeds float32 readers (int sizes cast for Range, say) is shape math: keeping it float32
    // avoids a float16 round trip that would also round sizes above 2048.
    private void KeepCastsToFloat32Readers(OnnxGraph graph, bool keepIoTypes)
    {
        foreach (var cast in graph.Nodes.Where(n => n.OpType == "Cast" && IsConverted(n) && n.GetInt("to") == (long)OnnxDataType.Float))
        {
            var value = cast.Output(0);
            var readers = graph.Consumers(value).SelectMany(n => Enumerable.Range(0, n.Inputs.Count).Where(i => n.Input(i) == value).Select(i => Wants(n, i)));
            if (readers.Contains(false) || (keepIoTypes && graph.IsGraphOutput(value)))
            {
                _kept.Add(cast.Proto);
                Kept.Add(new Fp16KeptNode(cast.DisplayName, cast.OpType, "casts to float32 for float32 readers"));
                ConvertedNodes--;
                Float16Values.Remove(value);
            }
        }
    }

    // Values computed only from constants and shapes (Resize scales built by Concat, say) that feed only float32
    // slots stay float32: converting them would add a float16 round trip to shape math. Consumers are decided
    // first (reverse order), so a chain of such nodes stays float32 as a whole.
    private void KeepFloat32ShapeMath(OnnxGraph graph, bool keepIoTypes)
    {
        var order = graph.TopologicalOrder();
        var fixedValues = new HashSet<string>(graph.Initializers.Select(t => t.Name), StringComparer.Ordinal) { string.Empty };
        foreach (var node in order.Where(n => n.OpType is "Constant" or "Shape" or "Size" || n.Inputs.All(fixedValues.Contains)))
        {
            fixedValues.UnionWith(node.Outputs);
        }

        foreach (var node in order.Reverse().Where(n => IsConverted(n) && n.OpType != "Constant" && n.Inputs.All(fixedValues.Contains)))
        {
            var floats = node.Outputs.Where(IsFloat).ToArray();
            var readers = floats.SelectMany(v => graph.Consumers(v).SelectMany(n => Enumerable.Range(0, n.Inputs.Count).Where(i => n.Input(i) == v).Select(i => Wants(n, i))));
            if (floats.Length > 0 && !readers.Contains(true) && readers.Contains(false) && !floats.Any(v => !keepIoTypes && graph.IsGraphOutput(v)))
            {
                _kept.Add(node.Proto);
                Kept.Add(new Fp16KeptNode(node.DisplayName, node.OpType, "computes constant float32 shape values for float32 readers"));
                ConvertedNodes--;
                Float16Values.ExceptWith(floats);
            }
        }
    }

    private void PlanConstants(OnnxGraph graph, bool keepIoTypes)
    {
        var constants = graph.Initializers.Select(t => t.Name)
            .Concat(graph.Nodes.Where(n => n.OpType == "Constant").SelectMany(n => n.Outputs))
            .Where(IsFloat).Distinct(StringComparer.Ordinal);
        foreach (var name in constants.ToArray())
        {
            var wants = graph.Consumers(name).SelectMany(n => Enumerable.Range(0, n.Inputs.Count).Where(i => n.Input(i) == name).Select(i => Wants(n, i)))
                .ToList();
            if (graph.IsGraphOutput(name))
            {
                wants.Add(!keepIoTypes);
            }

            if (!wants.Contains(true))
            {
                continue;
            }

            var split = wants.Contains(false);
            Constants.Add((name, split));
            if (!split)
            {
                Float16Values.Add(name);
            }
        }
    }
}
