using ModelCompress.Engine.Steps.Graph;
using ModelCompress.Engine.Steps.Quantize.Calibration;
using ModelCompress.Onnx.Proto;

namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// Rewrites the planned graph into QDQ form: folds the fused activations into their producers, puts one
/// QuantizeLinear after each quantized activation and a DequantizeLinear of its own before each reader (ORT's
/// selectors want a DQ per node group), replaces weights by int8 initializers behind a DequantizeLinear and biases
/// by int32 ones. Pass-through outputs reuse their input's scale and zero point initializers.
/// </summary>
internal sealed class QdqWriter
{
    private readonly OnnxGraph _graph;
    private readonly IReadOnlyDictionary<NodeProto, NodePlan> _plans;
    private readonly IReadOnlyDictionary<string, TensorRange> _ranges;
    private readonly StaticQuantizeOptions _options;
    private readonly bool _perChannel;
    private readonly Dictionary<string, (QuantParams Params, string Scale, string ZeroPoint)> _tensors = new(StringComparer.Ordinal);
    private readonly List<OnnxNode> _added = [];
    private readonly Dictionary<string, string> _dequantizedFrom = new(StringComparer.Ordinal);

    public QdqWriter(OnnxGraph graph, IReadOnlyDictionary<NodeProto, NodePlan> plans, IReadOnlyDictionary<string, TensorRange> ranges,
        StaticQuantizeOptions options, bool perChannel)
    {
        _graph = graph;
        _plans = plans;
        _ranges = ranges;
        _options = options;
        _perChannel = perChannel;
    }

    public void Write()
    {
        FoldActivations();
        var nodes = _graph.TopologicalOrder().Where(n => _plans.TryGetValue(n.Proto, out var p) && p.Role is NodeRole.Compute or NodeRole.PassThrough).ToArray();
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var plan = _plans[node.Proto];
            if (plan.Weight is { } weight)
            {
                replaced.Add(node.Input(weight.Index));
                WriteWeight(node, weight, plan.Bias, replaced);
            }
        }

        // Activations in topological order, so a pass-through output finds its input's parameters already made.
        var activations = new List<string>();
        foreach (var node in nodes)
        {
            var plan = _plans[node.Proto];
            activations.AddRange(plan.Activations.Select(node.Input));
            if (plan.QuantizeOutput)
            {
                activations.AddRange(node.Outputs.Where(o => o.Length > 0));
            }
        }

        foreach (var value in activations.Distinct(StringComparer.Ordinal).ToArray())
        {
            WriteActivation(value);
        }

        foreach (var node in _added)
        {
            _graph.AddNode(node);
        }

        foreach (var name in replaced.Where(n => _graph.Consumers(n).Count == 0 && !_graph.IsGraphOutput(n)))
        {
            _graph.RemoveInitializer(name);
        }
    }

    private void FoldActivations()
    {
        foreach (var node in _graph.Nodes.Where(n => _plans.TryGetValue(n.Proto, out var p) && p.Role == NodeRole.FusedActivation).ToArray())
        {
            var producer = _graph.Producer(node.Input(0))!;
            var output = node.Output(0);
            _graph.RemoveNode(node);
            producer.SetOutput(0, output);
        }
    }

    private (QuantParams Params, string Scale, string ZeroPoint) ParamsOf(string value)
    {
        if (_tensors.TryGetValue(value, out var known))
        {
            return known;
        }

        var producer = _graph.Producer(value);
        if (producer is not null && _plans.TryGetValue(producer.Proto, out var plan) && plan.Role == NodeRole.PassThrough)
        {
            // The input may already read a DequantizeLinear of the value whose parameters it shares.
            var input = producer.Input(0);
            return _tensors[value] = ParamsOf(_dequantizedFrom.GetValueOrDefault(input, input));
        }

        var range = _graph.TryGetInitializer(value, out var constant) ? RangeOf(constant.ToFloatArray()) : _ranges[value];
        var parameters = QuantParams.ForRange(range, _options.ActivationType, _options.SymmetricActivations);
        var stem = QuantizeRewrite.Stem(value);
        var scale = AddInitializer($"{stem}_scale", n => OnnxTensor.Scalar(n, parameters.Scale));
        var zero = AddInitializer($"{stem}_zero_point", n => WeightQuantizer.Tensor(n, parameters.Type, [], [unchecked((byte)parameters.ZeroPoint)]));
        return _tensors[value] = (parameters, scale, zero);
    }

    private void WriteActivation(string value)
    {
        var (parameters, scale, zero) = ParamsOf(value);
        var stem = QuantizeRewrite.Stem(value);
        var producer = _graph.Producer(value);
        var producerQuantized = producer is not null && _plans.TryGetValue(producer.Proto, out var p) && p.QuantizeOutput;
        string quantized;
        if (_graph.TryGetInitializer(value, out var constant))
        {
            var raw = constant.ToFloatArray().Select(v => unchecked((byte)parameters.Quantize(v))).ToArray();
            quantized = AddInitializer($"{stem}_quantized", n => WeightQuantizer.Tensor(n, parameters.Type, constant.Dims, raw));
        }
        else
        {
            quantized = _graph.UniqueName($"{stem}_quantized");
            var source = value;
            if (producerQuantized && _graph.IsGraphOutput(value))
            {
                // The graph output keeps its name on a DequantizeLinear; the int8 node writes a new name before it.
                source = _graph.UniqueName($"{stem}_before_quantize");
                producer!.SetOutput(producer.Outputs.ToList().IndexOf(value), source);
                _added.Add(OnnxNode.Create("DequantizeLinear", _graph.UniqueName($"{stem}_output_DequantizeLinear"), [quantized, scale, zero], [value]));
            }

            _added.Add(OnnxNode.Create("QuantizeLinear", _graph.UniqueName($"{stem}_QuantizeLinear"), [source, scale, zero], [quantized]));
        }

        foreach (var consumer in _graph.Consumers(value).Distinct().ToArray())
        {
            var reads = _plans.TryGetValue(consumer.Proto, out var plan) && plan.Role is NodeRole.Compute or NodeRole.PassThrough
                ? plan.Activations.Where(i => consumer.Input(i) == value).ToArray()
                : [];
            for (var i = 0; i < consumer.Inputs.Count; i++)
            {
                if (consumer.Input(i) == value && (reads.Contains(i) || producerQuantized))
                {
                    var dequantized = Dequantize(quantized, scale, zero, stem, null);
                    _dequantizedFrom[dequantized] = value;
                    consumer.SetInput(i, dequantized);
                }
            }
        }
    }

    private void WriteWeight(OnnxNode node, WeightInput weight, BiasInput? bias, HashSet<string> replaced)
    {
        var tensor = _graph.TryGetInitializer(node.Input(weight.Index), out var w) ? w : throw new InvalidOperationException("weight vanished");
        var axis = _perChannel ? weight.ChannelAxis : -1;
        var (parameters, raw) = WeightQuantizer.Quantize(tensor, axis, _options.WeightType, _options.ReduceRange);
        var stem = QuantizeRewrite.Stem(tensor.Name);
        var shape = axis < 0 ? Array.Empty<long>() : [parameters.Length];
        var q = AddInitializer($"{stem}_quantized", n => WeightQuantizer.Tensor(n, _options.WeightType, tensor.Dims, raw));
        var scale = AddInitializer($"{stem}_scale", n => OnnxTensor.FromFloats(n, shape, parameters.Select(x => x.Scale).ToArray()));
        var zero = AddInitializer($"{stem}_zero_point", n => WeightQuantizer.Tensor(n, _options.WeightType, shape,
            parameters.Select(x => unchecked((byte)x.ZeroPoint)).ToArray()));
        node.SetInput(weight.Index, Dequantize(q, scale, zero, stem, axis < 0 ? null : weight.ChannelAxis));

        if (bias is null)
        {
            return;
        }

        var b = _graph.TryGetInitializer(node.Input(bias.Index), out var bt) ? bt : throw new InvalidOperationException("bias vanished");
        replaced.Add(b.Name);
        var (activationParams, _, _) = ParamsOf(node.Input(_plans[node.Proto].Activations[0]));
        var (values, scales) = WeightQuantizer.Bias(b.ToFloatArray(), activationParams.Scale, parameters);
        var bStem = QuantizeRewrite.Stem(b.Name);
        long[] bShape = [values.Length];
        var bq = AddInitializer($"{bStem}_quantized", n => OnnxTensor.FromInt32s(n, bShape, values));

        // Per-tensor weights give one bias scale: a scalar, which DequantizeLinear below opset 13 requires.
        var perAxis = parameters.Length > 1;
        var scaleShape = perAxis ? bShape : [];
        var bScale = AddInitializer($"{bStem}_scale", n => OnnxTensor.FromFloats(n, scaleShape, perAxis ? scales : [scales[0]]));
        var bZero = AddInitializer($"{bStem}_zero_point", n => OnnxTensor.FromInt32s(n, scaleShape, new int[perAxis ? values.Length : 1]));
        node.SetInput(bias.Index, Dequantize(bq, bScale, bZero, bStem, perAxis ? 0 : null));
    }

    private string Dequantize(string quantized, string scale, string zero, string stem, int? axis)
    {
        var output = _graph.UniqueName($"{stem}_dequantized");
        var dq = OnnxNode.Create("DequantizeLinear", _graph.UniqueName($"{stem}_DequantizeLinear"), [quantized, scale, zero], [output]);
        if (axis is { } a)
        {
            dq.SetAttribute("axis", (long)a);
        }

        _added.Add(dq);
        return output;
    }

    private string AddInitializer(string baseName, Func<string, OnnxTensor> create)
    {
        var name = _graph.UniqueName(baseName);
        _graph.SetInitializer(create(name));
        return name;
    }

    private static TensorRange RangeOf(float[] values) =>
        values.Length == 0 ? new TensorRange(0, 0) : new TensorRange(values.Where(float.IsFinite).DefaultIfEmpty(0).Min(), values.Where(float.IsFinite).DefaultIfEmpty(0).Max());
}
