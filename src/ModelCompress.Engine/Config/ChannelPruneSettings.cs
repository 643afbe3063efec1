namespace ModelCompress.Engine.Config;

/// <summary>
/// Settings of <c>prune: { method: channel }</c>: structured pruning that removes whole channels (every
/// dependent tensor slice with them), so the model gets physically smaller and faster.
/// </summary>
/// <param name="Sparsity">Fraction of the channels of the pruned groups to remove (0 &lt; s &lt; 1).</param>
/// <param name="Scope">layer: every group loses the same fraction (default); global: one ranking across groups.</param>
/// <param name="Importance">l1 (default), l2, bn_scale, taylor (|w·∂L/∂w|, from training rows) or random; aggregated over the whole group.</param>
/// <param name="RoundTo">Kept channel counts are rounded to a multiple of this (default 1: no rounding).</param>
/// <param name="MinChannels">No group keeps fewer channels (null: at least one, and a layer emptied by rounding is an error).</param>
/// <param name="Include">Only groups produced by these nodes are pruned (empty: all prunable groups).</param>
/// <param name="Exclude">Groups produced by these nodes are never pruned.</param>
/// <param name="MacsRatio">sparsity: auto: the MACs target (pruned over original); null for a fixed sparsity.</param>
/// <param name="MaxLayerSparsity">sparsity: auto: no group loses more than this fraction of its channels.</param>
/// <param name="LatencyRatio">sparsity: auto: the measured ORT p50 target (pruned over original); null for a MACs target or fixed sparsity.</param>
/// <param name="Schedule">oneshot (default): prune the graph at once; gradual: group masks grow along the cubic ramp while training, then the channels are removed.</param>
/// <param name="Training">The training of the gradual schedule; null for oneshot.</param>
public sealed record ChannelPruneSettings(
    double Sparsity,
    PruneScope Scope,
    PruneImportance Importance,
    int RoundTo,
    int? MinChannels,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    double? MacsRatio = null,
    double MaxLayerSparsity = 0.98,
    double? LatencyRatio = null,
    PruneSchedule Schedule = PruneSchedule.Oneshot,
    TrainingSettings? Training = null) : IStepSettings
{
    /// <inheritdoc />
    public string Kind => "prune";

    /// <inheritdoc />
    public string CanonicalForm
    {
        get
        {
            var text = new CanonicalText(Kind).Add("method", PruneMethod.Channel).Add("sparsity", Sparsity).Add("scope", Scope)
                .Add("importance", Importance).Add("round_to", RoundTo).Add("min_channels", MinChannels?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")
                .AddSet("include", Include).AddSet("exclude", Exclude)
                .Add("macs_ratio", MacsRatio?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "none").Add("max_layer_sparsity", MaxLayerSparsity);
            // Written only when set, so the cache keys of existing channel steps stay as they were.
            text = LatencyRatio is { } latency ? text.Add("latency_ratio", latency) : text;
            return (Training is { } training ? text.Add("schedule", Schedule).AddRaw("training", training.CanonicalForm) : text).ToString();
        }
    }

    /// <summary>Rejects the channel-only keys and importances in unstructured pruning.</summary>
    internal static void ForbidChannelKeys(MappingReader map, PruneImportance importance)
    {
        foreach (var key in new[] { "round_to", "min_channels" }.Where(map.Has))
        {
            map.Context.Report(ChannelPruneDiagnostics.ChannelOnly(map.KeyAt(key)!.Value, $"'{key}'"));
        }

        if (importance is not (PruneImportance.Magnitude or PruneImportance.Taylor or PruneImportance.Lamp))
        {
            map.Context.Report(ChannelPruneDiagnostics.ChannelOnly(map.Value("importance")!.Position, $"importance: {YamlNames.Of(importance)}"));
        }
    }

    /// <summary>Reads round_to (default 1) and min_channels (default none), each at least 1 (MC1050, MC1051).</summary>
    internal static (int RoundTo, int? MinChannels, bool Ok) ReadRounding(MappingReader map)
    {
        var ok = true;
        var roundTo = map.Integer("round_to", NumberRange.AtLeast(int.MinValue)) ?? 1;
        if (roundTo < 1)
        {
            map.Context.Report(ChannelPruneDiagnostics.BadRoundTo(map.Value("round_to")!.Position, roundTo));
            ok = false;
        }

        var minChannels = map.Integer("min_channels", NumberRange.AtLeast(int.MinValue));
        if (minChannels < 1)
        {
            map.Context.Report(ChannelPruneDiagnostics.BadMinChannels(map.Value("min_channels")!.Position, minChannels.Value));
            ok = false;
        }

        return (roundTo, minChannels, ok);
    }

    internal static ChannelPruneSettings? Read(MappingReader map, StepReadContext step)
    {
        var sparsityOk = map.Require("sparsity", "Add 'sparsity:' between 0 and 1 (e.g. 0.5 removes half the channels of each pruned group).");
        var auto = map.Value("sparsity") is YScalar { IsPlain: true, Value: "auto" };
        var sparsity = auto ? 0 : map.Number("sparsity", NumberRange.Open(0, 1));
        var (macsRatio, latencyRatio, maxLayer, autoOk) = ChannelAutoSettings.Read(map, auto);
        var scope = map.Choice<PruneScope>("scope") ?? PruneScope.Layer;
        var importance = map.Choice<PruneImportance>("importance") ?? PruneImportance.L1;
        var ok = true;
        var schedule = map.Choice<PruneSchedule>("schedule") ?? PruneSchedule.Oneshot;
        TrainingSettings? training = null;
        if (schedule == PruneSchedule.Gradual)
        {
            if (auto)
            {
                map.Context.Report(ChannelPruneDiagnostics.AutoNotGradual(map.Value("schedule")!.Position));
                ok = false;
            }

            training = PruneSettings.ReadGradualTraining(map, step);
            ok &= training is not null;
        }
        else
        {
            map.Forbid("schedule is oneshot",
                "One-shot channel pruning does not train: set 'schedule: gradual' to prune while training, or add a distill or finetune step after it.", "training");
            // One-shot Taylor takes its gradients from seeded batches of the training rows (no training block).
            if (importance == PruneImportance.Taylor && auto)
            {
                map.Context.Report(ChannelPruneDiagnostics.AutoNotTaylor(map.Value("importance")!.Position));
                ok = false;
            }
            else if (importance == PruneImportance.Taylor && step.Data?.Train is null && !step.DataInvalid)
            {
                map.Context.Report(ChannelPruneDiagnostics.TaylorNeedsTrainingData(map.Value("importance")!.Position));
                ok = false;
            }
        }

        var (roundTo, minChannels, roundingOk) = ReadRounding(map);
        ok &= roundingOk;
        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        // Magnitude pruning's "magnitude" ranks by |w|: for channels that is the L1 norm.
        importance = importance == PruneImportance.Magnitude ? PruneImportance.L1 : importance;
        return ok && autoOk && sparsityOk && sparsity is { } s
            ? new ChannelPruneSettings(s, scope, importance, roundTo, minChannels, include, exclude, macsRatio, maxLayer, latencyRatio, schedule, training)
            : null;
    }
}
