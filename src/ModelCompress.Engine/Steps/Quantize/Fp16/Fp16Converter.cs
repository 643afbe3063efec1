using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>
/// float32 → float16 for weights and compute. Every float32 value produced by a convertible node becomes float16
/// under its own name; constants feeding only float16 slots are stored as float16 (a constant read by both
/// kinds of slot gets a float16 copy); a Cast is inserted only where a float16 value meets a float32 slot (a
/// blocked or excluded node, a float32-only input, a graph output when <c>keep_io_types</c>) or the reverse.
/// Types in value_info, graph inputs and outputs are rewritten to match, so ONNX Runtime loads the result.
/// </summary>
public sealed class Fp16Converter
{
    private const int Float = (int)OnnxDataType.Float;
    private const int Float16 = (int)OnnxDataType.Float16;

    /// <summary>Creates a converter.</summary>
    public Fp16Converter(Fp16Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The settings.</summary>
    public Fp16Options Options { get; }

    /// <summary>Converts a copy of <paramref name="model"/>; the input is left unchanged.</summary>
    /// <exception cref="CompressionException">MC3052 for an unknown node in exclude; MC3090 when no node can be converted.</exception>
    public Fp16Result Convert(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Clone();
        var graph = result.Graph;
        var plan = Fp16Plan.Create(graph, ElementTypes.Infer(result), Options);
        if (plan.ConvertedNodes == 0)
        {
            var why = plan.Kept.Count == 0
                ? $"graph '{graph.Name}' has no node computing on float32 values"
                : string.Join("; ", plan.Kept.Take(5).Select(k => $"{k.Node}: {k.Reason}"));
            throw new CompressionException(LowBitDiagnostics.NothingToConvert(why));
        }

        long clamped = 0, raised = 0;
        var constants = ConvertConstants(graph, plan, ref clamped, ref raised);
        var casts = new Fp16Casts(graph, plan);
        var nodes = graph.Nodes.ToArray();
        RenameFloat16Outputs(graph, plan, casts);
        foreach (var node in nodes)
        {
            Rewire(node, plan, casts);
        }

        WriteTypes(graph, plan);
        DynamicQuantizer.SortNodes(graph);
        return new Fp16Result(result, plan.ConvertedNodes, plan.Kept, constants, casts.Count, clamped, raised);
    }

    // Initializers and Constant nodes whose consumers want float16: converted in place, or copied when some
    // consumer still wants float32.
    private static int ConvertConstants(OnnxGraph graph, Fp16Plan plan, ref long clamped, ref long raised)
    {
        var count = 0;
        foreach (var (name, split) in plan.Constants)
        {
            var tensor = ConstantTensor(graph, name);
            var half = OnnxTensor.FromHalves(split ? graph.UniqueName($"{name}_fp16") : name, tensor.Dims,
                HalfValues.Convert(tensor.ToFloatArray(), ref clamped, ref raised));
            count++;
            if (split)
            {
                graph.SetInitializer(half);
                plan.Copies[name] = half.Name;
            }
            else if (graph.IsInitializer(name))
            {
                graph.SetInitializer(half);
            }
            else
            {
                var constant = graph.Producer(name)!;
                constant.RemoveAttribute("value_float");
                constant.RemoveAttribute("value_floats");
                constant.SetAttribute("value", half);
            }
        }

        return count;
    }

    private static OnnxTensor ConstantTensor(OnnxGraph graph, string name)
    {
        if (graph.TryGetInitializer(name, out var tensor))
        {
            return tensor;
        }

        var node = graph.Producer(name)!;
        return node.GetTensor("value")
            ?? (node.GetFloats("value_floats") is { } many ? OnnxTensor.FromFloats(name, [many.Count], many.ToArray()) : OnnxTensor.Scalar(name, node.GetFloat("value_float")));
    }

    // A float16 value that is also a graph output keeps its name for the float32 output: the producer writes
    // name_fp16 and a Cast at the end writes the output.
    private void RenameFloat16Outputs(OnnxGraph graph, Fp16Plan plan, Fp16Casts casts)
    {
        if (!Options.KeepIoTypes)
        {
            return;
        }

        foreach (var output in graph.Outputs.Select(o => o.Name).Where(plan.Float16Values.Contains).ToArray())
        {
            var renamed = graph.UniqueName($"{output}_fp16");
            var producer = graph.Producer(output);
            graph.ReplaceAllUses(output, renamed);
            if (producer is not null)
            {
                producer.SetOutput(producer.Outputs.ToList().IndexOf(output), renamed);
            }

            plan.Float16Values.Remove(output);
            plan.Float16Values.Add(renamed);
            plan.Types[renamed] = OnnxDataType.Float;
            casts.Add(renamed, output, Float);
        }
    }

    private static void Rewire(OnnxNode node, Fp16Plan plan, Fp16Casts casts)
    {
        if (node.OpType == "Cast" && plan.IsConverted(node) && node.GetInt("to") == Float)
        {
            node.SetAttribute("to", (long)Float16);
        }

        for (var slot = 0; slot < node.Inputs.Count; slot++)
        {
            var value = node.Input(slot);
            if (plan.Wants(node, slot) is not { } wantsHalf)
            {
                continue;
            }

            if (wantsHalf && plan.Copies.TryGetValue(value, out var copy))
            {
                node.SetInput(slot, copy);
            }
            else if (wantsHalf != plan.Float16Values.Contains(value))
            {
                node.SetInput(slot, casts.To(value, wantsHalf ? Float16 : Float));
            }
        }

        if (!plan.IsConverted(node) && node.Proto.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0))
        {
            RewireSubgraphs(node, plan, casts);
        }
    }

    // A float32 node with a body (If, Loop, Scan) reads outer values by name: give it float32 copies.
    private static void RewireSubgraphs(OnnxNode node, Fp16Plan plan, Fp16Casts casts)
    {
        var bodies = node.Proto.Attribute.SelectMany(a => a.G is null ? a.Graphs : a.Graphs.Append(a.G)).ToArray();
        foreach (var outer in bodies.SelectMany(Fp16Casts.References).Distinct().Where(plan.Float16Values.Contains).ToArray())
        {
            var cast = casts.To(outer, Float);
            foreach (var body in bodies)
            {
                Fp16Casts.Rename(body, outer, cast);
            }
        }
    }

    private void WriteTypes(OnnxGraph graph, Fp16Plan plan)
    {
        IEnumerable<ValueInfoProto> infos = graph.Proto.ValueInfo;
        if (!Options.KeepIoTypes)
        {
            infos = infos.Concat(graph.Proto.Input).Concat(graph.Proto.Output);
        }

        foreach (var info in infos.Where(i => plan.Float16Values.Contains(i.Name) && i.Type?.TensorType is not null))
        {
            info.Type.TensorType.ElemType = Float16;
        }
    }
}
