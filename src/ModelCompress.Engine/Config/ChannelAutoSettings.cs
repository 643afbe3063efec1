namespace ModelCompress.Engine.Config;

/// <summary>
/// Reads the <c>sparsity: auto</c> keys of channel pruning: <c>target: { macs_ratio }</c> or <c>{ latency_ratio }</c> (one, required with auto,
/// refused without it) and <c>max_layer_sparsity</c> (default 0.98).
/// </summary>
internal static class ChannelAutoSettings
{
    public const double DefaultMaxLayerSparsity = 0.98;

    public static (double? MacsRatio, double? LatencyRatio, double MaxLayerSparsity, bool Ok) Read(MappingReader map, bool auto)
    {
        var maxLayer = map.Number("max_layer_sparsity", NumberRange.Between(0, 1)) ?? DefaultMaxLayerSparsity;
        if (!auto)
        {
            foreach (var key in new[] { "target", "max_layer_sparsity" }.Where(map.Has))
            {
                map.Context.Report(Diagnostic.Error("MC1070", $"'{key}' only applies with 'sparsity: auto'; remove it or set sparsity: auto.", map.KeyAt(key)));
            }

            return (null, null, maxLayer, !map.Has("target") && !map.Has("max_layer_sparsity"));
        }

        if (map.Section("target", ConfigKeys.PruneTarget) is not { } target)
        {
            map.Context.Report(Diagnostic.Error("MC1071", "'sparsity: auto' needs a target, e.g. 'target: { macs_ratio: 0.4 }'.", map.Value("sparsity")!.Position));
            return (null, null, maxLayer, false);
        }

        if (target.Has("macs_ratio") && target.Has("latency_ratio"))
        {
            map.Context.Report(Diagnostic.Error("MC1063", "target takes one of 'macs_ratio' or 'latency_ratio', not both; keep the one to reach.", target.KeyAt("latency_ratio")));
            return (null, null, maxLayer, false);
        }

        if (target.Has("latency_ratio"))
        {
            // (0, 1]: 1 asks for no speed-up at all, which is allowed but prunes nothing.
            var latency = target.Number("latency_ratio", NumberRange.Between(double.Epsilon, 1));
            return (null, latency, maxLayer, latency is not null);
        }

        var ratio = target.Number("macs_ratio", NumberRange.Open(0, 1));
        if (ratio is null && !target.Has("macs_ratio"))
        {
            map.Context.Report(Diagnostic.Error("MC1072",
                "target needs 'macs_ratio' (MACs of the pruned model over the original's) or 'latency_ratio' (measured ORT p50 over the original's), between 0 and 1.",
                map.KeyAt("target")));
        }

        return (ratio, null, maxLayer, ratio is not null);
    }
}
