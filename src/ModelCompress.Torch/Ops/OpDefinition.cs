namespace ModelCompress.Torch.Ops;

/// <summary>
/// One op_type's semantics from opset <see cref="SinceVersion"/> on. <see cref="ConstantInputs"/> lists the input
/// slots that are settings rather than data (shapes, scales, running statistics, bounds): a float initializer fed
/// only into such slots stays a buffer instead of becoming a trainable parameter.
/// </summary>
internal sealed record OpDefinition(string OpType, int SinceVersion, Func<OnnxNode, NodeKernel> Create, IReadOnlySet<int> ConstantInputs);
