namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>How many nodes of one op type ONNX Runtime turned into int8 kernels: "fused 7 of 7 Conv".</summary>
/// <param name="OpType">The float op type of the input model.</param>
/// <param name="Total">Its nodes in the input model.</param>
/// <param name="Fused">How many run as int8 kernels (or on int8 data) after ORT's optimizer.</param>
public sealed record FusionCount(string OpType, int Total, int Fused)
{
    /// <summary>The report line.</summary>
    public override string ToString() => $"fused {Fused} of {Total} {OpType}";
}
