namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// A handler's answer for one node: its role, which inputs are quantized as activations, which is the weight
/// (with the axis of its output channels) and which the bias; or, for <see cref="NodeRole.Float"/>, why not.
/// </summary>
public sealed record NodePlan(
    NodeRole Role,
    IReadOnlyList<int> Activations,
    WeightInput? Weight,
    BiasInput? Bias,
    bool QuantizeOutput,
    string? Reason)
{
    /// <summary>The node stays in float, for <paramref name="reason"/>.</summary>
    public static NodePlan Float(string reason) => new(NodeRole.Float, [], null, null, false, reason);

    /// <summary>A compute node with the given activation inputs and an int8 output.</summary>
    public static NodePlan Compute(IReadOnlyList<int> activations, WeightInput? weight = null, BiasInput? bias = null, bool quantizeOutput = true) =>
        new(NodeRole.Compute, activations, weight, bias, quantizeOutput, null);

    /// <summary>A data-movement node on input 0, its outputs sharing the input's scale and zero point.</summary>
    public static NodePlan PassThrough() => new(NodeRole.PassThrough, [0], null, null, true, null);

    /// <summary>An activation function folded into its producer's QuantizeLinear.</summary>
    public static NodePlan Fused() => new(NodeRole.FusedActivation, [], null, null, false, null);

    /// <summary>True unless the node stays in float.</summary>
    public bool IsQuantized => Role != NodeRole.Float;
}
