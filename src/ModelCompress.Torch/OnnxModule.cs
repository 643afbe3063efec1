using ModelCompress.Onnx.Proto;
using ModelCompress.Torch.Graph;
using ModelCompress.Torch.Ops;

namespace ModelCompress.Torch;

/// <summary>
/// An ONNX graph as a differentiable TorchSharp module. FLOAT initializers that feed data slots become
/// parameters (ONNX names kept, see <see cref="ParameterNames"/>); the others (integer tensors, shapes, scales,
/// BatchNormalization running statistics) become buffers. <c>train()</c>/<c>eval()</c> switch BatchNormalization
/// and Dropout between their training and inference behaviour.
/// </summary>
public sealed class OnnxModule : nn.Module<IReadOnlyDictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>>
{
    private readonly GraphPlan _plan;
    private readonly Dictionary<string, string> _parameterNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bufferNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _external;

    /// <summary>Compiles <paramref name="model"/>; throws <see cref="CompressionException"/> listing every unsupported node.</summary>
    public OnnxModule(ModelProto model, OpRegistry? registry = null)
        : base(string.IsNullOrEmpty(model?.Graph?.Name) ? "onnx" : model.Graph.Name)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        _plan = GraphPlan.Build(model, registry ?? OpRegistry.Default);
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        InputNames = graph.Input.Select(i => i.Name).Where(n => !initializers.Contains(n)).ToArray();
        OutputNames = graph.Output.Select(o => o.Name).ToArray();
        _external = new HashSet<string>(InputNames.Concat(initializers), StringComparer.Ordinal);

        var used = new HashSet<string>(StringComparer.Ordinal);
        using (torch.NewDisposeScope())
        {
            foreach (var proto in graph.Initializer)
            {
                var name = UniqueName(proto.Name, used);
                var value = TensorProtoConverter.ToTorch(proto);
                if (proto.DataType == (int)TensorProto.Types.DataType.Float && _plan.Trainable.Contains(proto.Name))
                {
                    var parameter = nn.Parameter(value, requires_grad: true);
                    parameter.DetachFromDisposeScope();
                    register_parameter(name, parameter);
                    _parameterNames[proto.Name] = name;
                }
                else
                {
                    value.DetachFromDisposeScope();
                    register_buffer(name, value);
                    _bufferNames[proto.Name] = name;
                }
            }
        }
    }

    /// <summary>The graph inputs a caller supplies (initializers excluded), in graph order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The graph outputs, in graph order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The default-domain opset the graph was compiled for.</summary>
    public long Opset => _plan.Opset;

    /// <summary>ONNX initializer name → TorchSharp parameter name (dots and other characters torch rejects become '_').</summary>
    public IReadOnlyDictionary<string, string> ParameterNames => _parameterNames;

    /// <summary>ONNX initializer name → TorchSharp buffer name, for initializers that do not train.</summary>
    public IReadOnlyDictionary<string, string> BufferNames => _bufferNames;

    /// <summary>The live tensor (parameter or buffer) holding initializer <paramref name="initializerName"/>.</summary>
    public Tensor Initializer(string initializerName) =>
        _parameterNames.TryGetValue(initializerName, out var p) ? get_parameter(p)!
        : _bufferNames.TryGetValue(initializerName, out var b) ? get_buffer(b)!
        : throw new KeyNotFoundException($"'{initializerName}' is not an initializer of this graph.");

    /// <summary>Runs the graph: inputs by name, graph outputs by name.</summary>
    public override IReadOnlyDictionary<string, Tensor> forward(IReadOnlyDictionary<string, Tensor> input) => Run(input, []);

    /// <summary>
    /// Runs the graph and also returns the named intermediate values <paramref name="extraOutputs"/> (e.g. a
    /// feature map for distillation). Every returned tensor is new and belongs to the caller's dispose scope.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IEnumerable<string> extraOutputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var requested = OutputNames.Concat(extraOutputs).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var name in requested.Where(n => !_plan.Values.Contains(n)))
        {
            throw new CompressionException(TorchDiagnostics.UnknownOutput(name));
        }

        using var scope = torch.NewDisposeScope();
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (initializer, _) in _parameterNames.Concat(_bufferNames))
        {
            values[initializer] = Initializer(initializer);
        }

        foreach (var name in InputNames)
        {
            values[name] = inputs.TryGetValue(name, out var value)
                ? value
                : throw new CompressionException(TorchDiagnostics.MissingInput(name, inputs.Keys));
        }

        Execute(values, requested.ToHashSet(StringComparer.Ordinal));
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            // Never hand out an input or a parameter itself: the caller would dispose it.
            var value = _external.Contains(name) ? values[name].alias() : values[name];
            result[name] = value.MoveToOuterDisposeScope();
        }

        return result;
    }

    private void Execute(Dictionary<string, Tensor> values, HashSet<string> keep)
    {
        var context = training ? KernelContext.Train : KernelContext.Eval;
        for (var step = 0; step < _plan.Nodes.Count; step++)
        {
            var planned = _plan.Nodes[step];
            var args = planned.Inputs.Select(n => n.Length == 0 ? null : values[n]).ToArray();
            Tensor[] outputs;
            try
            {
                outputs = planned.Kernel(args, context);
            }
            catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or NotSupportedException)
            {
                throw new CompressionException(TorchDiagnostics.NodeFailed(planned.Node.OpType, planned.Node.Name, e.Message));
            }

            for (var i = 0; i < planned.Outputs.Count && i < outputs.Length; i++)
            {
                if (planned.Outputs[i].Length > 0)
                {
                    values[planned.Outputs[i]] = outputs[i];
                }
            }

            // Free intermediates after their last reader; autograd keeps what backward needs on its own.
            foreach (var name in planned.Inputs)
            {
                if (name.Length > 0 && _plan.LastUse[name] == step && !keep.Contains(name) && !_external.Contains(name) && values.Remove(name, out var done))
                {
                    done.Dispose();
                }
            }
        }
    }

    private static string UniqueName(string onnxName, HashSet<string> used)
    {
        var clean = new string(onnxName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        clean = clean.Length == 0 || char.IsAsciiDigit(clean[0]) ? "p_" + clean : clean;
        var name = clean;
        for (var i = 2; !used.Add(name); i++)
        {
            name = $"{clean}_{i}";
        }

        return name;
    }
}
