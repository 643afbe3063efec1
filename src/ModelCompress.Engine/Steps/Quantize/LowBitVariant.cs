namespace ModelCompress.Engine.Steps.Quantize;

/// <summary>One model variant in the low-bit benchmark.</summary>
/// <param name="Name">fp32, fp16, int4, int8, with "acc4" for MatMulNBits accuracy_level 4 (int8 compute).</param>
/// <param name="Bytes">Serialized model size.</param>
/// <param name="Agreement">Fraction of rows whose arg-max equals float32's.</param>
/// <param name="RelativeError">Worst row's ‖output − float32 output‖ / ‖float32 output‖.</param>
/// <param name="P50s">Median latency per round, ms.</param>
/// <param name="SpeedUp">Median over rounds of (float32 p50 / this p50) within the round.</param>
public sealed record LowBitVariant(string Name, long Bytes, double Agreement, double RelativeError, IReadOnlyList<double> P50s, double SpeedUp);
