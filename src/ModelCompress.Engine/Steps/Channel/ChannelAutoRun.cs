namespace ModelCompress.Engine.Steps.Channel;

/// <summary>
/// <c>prune: { method: channel, sparsity: auto, target: { macs_ratio } }</c>: runs <see cref="ChannelAutoSearch"/>
/// on the calibration rows (agreement with the unpruned model's predictions; the evaluation rows never steer it)
/// and applies the ratios it chose.
/// </summary>
internal static class ChannelAutoRun
{
    public static StepResult Run(OnnxModel model, StepContext context, ChannelPruneSettings settings, StepConfig step)
    {
        if (context.Data?.Calibration is not { Count: > 0 } calibration)
        {
            throw new CompressionException(Diagnostic.Error(
                "MC3252", "sparsity: auto searches on calibration rows: add data.calibration (e.g. 'calibration: { input: x_calib }').", step.PositionOf("sparsity")));
        }

        SearchRows.Check(calibration, context.Data, "sparsity: auto", step.PositionOf("sparsity"), context.Report);
        var rows = new EvalDataset(calibration, null, calibration.Values.First().Rows, null, null, null);
        var result = settings.LatencyRatio is { } latencyRatio
            ? ChannelAutoSearch.ForLatency(model, rows, latencyRatio, settings.MaxLayerSparsity, LatencyTiming, step.PositionOf("target.latency_ratio"))
            : ChannelAutoSearch.ForMacs(model, rows, settings.MacsRatio!.Value, settings.MaxLayerSparsity, step.PositionOf("target.macs_ratio"));
        var (groups, _) = ChannelAutoSearch.Allowed(model);
        var pruned = ChannelRatioPlan.Apply(model, groups.Where(g => result.Ratios.ContainsKey(g.Name)).ToDictionary(g => g.Id, g => result.Ratios[g.Name]));
        var facts = new List<StepFact>
        {
            settings.LatencyRatio is { } target
                ? new("sparsity auto", $"measured latency ratio {F(result.Reached)} (target {F(target)}; ORT p50, batch 1, 1 thread, {ChannelAutoSearch.LatencyRounds} alternating rounds: noisy), macs ratio {F(result.MacsRatio)}, calibration agreement {F(result.Score)}")
                : new("sparsity auto", $"macs ratio {F(result.MacsRatio)} (target {F(settings.MacsRatio!.Value)}), calibration agreement {F(result.Score)}"),
            new("parameters", $"{ChannelPruneRunner.Parameters(model)} -> {ChannelPruneRunner.Parameters(pruned)}"),
        };
        facts.AddRange(result.Ratios.Select(r => new StepFact($"group {r.Key}", $"ratio {F(r.Value)}")));
        facts.AddRange(result.LeftAlone.Select(n => new StepFact("left alone", n)));
        facts.Add(new StepFact("left alone", "groups feeding a graph output (the classifier's width)"));
        return new StepResult(pruned, facts);
    }

    /// <summary>How a latency target is timed: one thread, batch 1 (the generated rows), a short warm-up.</summary>
    private static EvaluationOptions LatencyTiming { get; } = new(Warmup: 5, Iterations: 30, Threads: 1, Provider: "cpu", BatchSize: 1);

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
