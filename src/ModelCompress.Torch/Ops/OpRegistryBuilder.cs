namespace ModelCompress.Torch.Ops;

/// <summary>Collects op definitions; each op family file adds its own, then <see cref="OpRegistry"/> freezes them.</summary>
internal sealed class OpRegistryBuilder
{
    private readonly List<OpDefinition> _definitions = [];

    public IReadOnlyList<OpDefinition> Definitions => _definitions;

    /// <summary>Adds <paramref name="opType"/> from opset <paramref name="since"/> on.</summary>
    public OpRegistryBuilder Add(string opType, int since, Func<OnnxNode, NodeKernel> create, params int[] constantInputs)
    {
        if (_definitions.Any(d => d.OpType == opType && d.SinceVersion == since))
        {
            throw new InvalidOperationException($"{opType} since opset {since} is registered twice.");
        }

        _definitions.Add(new OpDefinition(opType, since, create, constantInputs.ToHashSet()));
        return this;
    }

    /// <summary>An op whose kernel ignores its attributes: <paramref name="run"/> maps inputs to one output.</summary>
    public OpRegistryBuilder Simple(string opType, int since, Func<Tensor?[], Tensor> run, params int[] constantInputs) =>
        Add(opType, since, _ => (inputs, _) => [run(inputs)], constantInputs);
}
