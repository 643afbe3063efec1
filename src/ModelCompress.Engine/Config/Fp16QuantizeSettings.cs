namespace ModelCompress.Engine.Config;

/// <summary>Settings of <c>quantize: { mode: fp16 }</c>: float16 weights and compute.</summary>
/// <param name="KeepIoTypes">Graph inputs and outputs stay float32, with a Cast at each boundary (default true).</param>
/// <param name="Exclude">Nodes (by name) that stay in float32.</param>
/// <param name="ExcludeOps">Op types that stay in float32, beyond the built-in blocklist.</param>
public sealed record Fp16QuantizeSettings(bool KeepIoTypes, IReadOnlyList<string> Exclude, IReadOnlyList<string> ExcludeOps) : IStepSettings
{
    /// <summary>The keys only this mode reads (other modes refuse them).</summary>
    public static IReadOnlyList<string> OwnKeys { get; } = ["keep_io_types", "exclude_ops"];

    /// <inheritdoc />
    public string Kind => "quantize";

    /// <inheritdoc />
    public string CanonicalForm => new CanonicalText(Kind).Add("mode", QuantizeMode.Fp16).Add("keep_io_types", KeepIoTypes)
        .AddSet("exclude", Exclude).AddSet("exclude_ops", ExcludeOps).ToString();

    internal static Fp16QuantizeSettings? Read(MappingReader map)
    {
        var reported = map.Context.Bag.Items.Count;
        map.Forbid("mode is fp16", "Remove it: fp16 converts every float tensor; use 'exclude' or 'exclude_ops' to keep nodes in float32.",
            [.. WeightOnlyQuantizeSettings.OwnKeys, "per_channel", "ops", "include"]);
        var keep = map.Bool("keep_io_types") ?? true;
        var exclude = map.Names("exclude") ?? [];
        var excludeOps = map.Names("exclude_ops") ?? [];
        return map.Context.Bag.Items.Count > reported ? null : new Fp16QuantizeSettings(keep, exclude, excludeOps);
    }
}
