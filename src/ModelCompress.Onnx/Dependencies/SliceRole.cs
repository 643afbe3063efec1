namespace ModelCompress.Onnx.Dependencies;

/// <summary>What a sliced tensor is to the channels it is sliced by.</summary>
public enum SliceRole
{
    /// <summary>The weight that produces the channels (Conv/Gemm/MatMul output dimension).</summary>
    OutputWeight,

    /// <summary>A weight that reads the channels (the next Conv/Gemm/MatMul input dimension).</summary>
    InputWeight,

    /// <summary>The bias added to the produced channels.</summary>
    Bias,

    /// <summary>A normalization's per-channel scale (BatchNormalization γ).</summary>
    NormScale,

    /// <summary>A normalization's other per-channel tensors (β, running mean, running variance).</summary>
    NormOther,

    /// <summary>A per-channel constant of an element-wise op (Add/Mul/PRelu operand).</summary>
    Constant,
}
