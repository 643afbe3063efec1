namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>
/// A constant bias input stored as int32 with scale = activation scale × weight scale (zero point 0), the form
/// QLinearConv and QGemm add straight into their int32 accumulator.
/// </summary>
public sealed record BiasInput(int Index);
