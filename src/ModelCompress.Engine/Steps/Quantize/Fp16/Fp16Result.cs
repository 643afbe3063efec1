namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>The float16 model and what the conversion did.</summary>
/// <param name="Model">The converted model.</param>
/// <param name="ConvertedNodes">Nodes now computing in float16.</param>
/// <param name="Kept">Nodes with float values left in float32, each with its reason.</param>
/// <param name="ConvertedConstants">Initializers and Constant values stored as float16.</param>
/// <param name="Casts">Cast nodes inserted at float32/float16 boundaries.</param>
/// <param name="Clamped">Values beyond ±65504 (or infinite) clamped to ±65504.</param>
/// <param name="Raised">Non-zero values below float16's smallest subnormal raised to ±2^-24 instead of becoming 0.</param>
public sealed record Fp16Result(
    OnnxModel Model, int ConvertedNodes, IReadOnlyList<Fp16KeptNode> Kept, int ConvertedConstants, int Casts, long Clamped, long Raised);
