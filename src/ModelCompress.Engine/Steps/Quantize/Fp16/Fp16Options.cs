namespace ModelCompress.Engine.Steps.Quantize.Fp16;

/// <summary>What the fp16 conversion keeps in float32.</summary>
/// <param name="KeepIoTypes">Graph inputs and outputs stay float32 (Cast at the boundaries).</param>
/// <param name="Exclude">Node names kept in float32.</param>
/// <param name="ExcludeOps">Op types kept in float32, beyond the built-in blocklist.</param>
public sealed record Fp16Options(bool KeepIoTypes, IReadOnlyList<string> Exclude, IReadOnlyList<string> ExcludeOps);
