namespace ModelCompress.Engine.Config;

/// <summary>Settings of the <c>prune</c> step.</summary>
/// <param name="Method">How weights are removed (default magnitude: unstructured).</param>
/// <param name="Sparsity">Fraction of prunable weights set to zero (0 &lt; s &lt; 1).</param>
/// <param name="Scope">Global or per-layer threshold (default global).</param>
/// <param name="Schedule">One shot on the graph, or gradual while training (default oneshot).</param>
/// <param name="Importance">Score that ranks weights (default magnitude; taylor needs gradual).</param>
/// <param name="Include">Only these nodes are pruned (empty: all eligible).</param>
/// <param name="Exclude">These nodes are never pruned.</param>
/// <param name="Training">Training of the gradual schedule; null for oneshot.</param>
/// <param name="Limits">Layer ceiling and first/last layers of one-shot pruning; null for gradual.</param>
public sealed record PruneSettings(
    PruneMethod Method,
    double Sparsity,
    PruneScope Scope,
    PruneSchedule Schedule,
    PruneImportance Importance,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Exclude,
    TrainingSettings? Training,
    PruneLimits? Limits = null) : IStepSettings
{
    /// <inheritdoc />
    public string Kind => "prune";

    /// <inheritdoc />
    public string CanonicalForm
    {
        get
        {
            var text = new CanonicalText(Kind).Add("method", Method).Add("sparsity", Sparsity).Add("scope", Scope)
                .Add("schedule", Schedule).Add("importance", Importance).AddSet("include", Include).AddSet("exclude", Exclude);
            text = Limits is { } limits ? text.AddRaw("limits", limits.CanonicalForm) : text;
            return (Training is { } training ? text.AddRaw("training", training.CanonicalForm) : text).ToString();
        }
    }

    internal static IStepSettings? Read(MappingReader map, StepReadContext step)
    {
        if (map.Value("method") is YScalar { Value: "channel" })
        {
            return ChannelPruneSettings.Read(map, step);
        }

        const string TaylorHint = "Taylor is an importance score: write 'method: magnitude', 'importance: taylor' and 'schedule: gradual'.";
        var sparsityOk = map.Require("sparsity", "Add 'sparsity:' between 0 and 1 (e.g. 0.5 zeroes half the weights).");
        var sparsity = map.Number("sparsity", NumberRange.Open(0, 1));
        var method = map.Has("method")
            ? map.Choice<PruneMethod>("method", map.Value("method") is YScalar { Value: "taylor" } ? TaylorHint : null)
            : PruneMethod.Magnitude;
        var scope = map.Choice<PruneScope>("scope") ?? PruneScope.Global;
        var schedule = map.Choice<PruneSchedule>("schedule") ?? PruneSchedule.Oneshot;
        var importance = map.Choice<PruneImportance>("importance") ?? PruneImportance.Magnitude;
        ChannelPruneSettings.ForbidChannelKeys(map, importance);
        if (importance == PruneImportance.Taylor && schedule == PruneSchedule.Oneshot)
        {
            map.Context.Report(ConfigDiagnostics.RequiredWhen(map.Value("importance")!.Position, "schedule: gradual", "importance is taylor",
                "Taylor importance needs gradients: set 'schedule: gradual' and add 'training:'."));
        }

        if (importance == PruneImportance.Lamp && schedule == PruneSchedule.Gradual)
        {
            map.Context.Report(ConfigDiagnostics.RequiredWhen(map.Value("importance")!.Position, "schedule: oneshot", "importance is lamp",
                "LAMP ranks weights for one-shot magnitude pruning: remove 'schedule: gradual' (and add a finetune step after it)."));
        }

        var limits = PruneLimits.Read(map, schedule, scope, sparsity);
        TrainingSettings? training = null;
        if (schedule == PruneSchedule.Gradual)
        {
            training = ReadGradualTraining(map, step);
        }
        else
        {
            map.Forbid("schedule is oneshot",
                "One-shot pruning does not train: remove 'training', set 'schedule: gradual', or add a finetune step after it.", "training");
        }

        var include = map.Names("include") ?? [];
        var exclude = map.Names("exclude") ?? [];
        foreach (var both in include.Intersect(exclude, StringComparer.Ordinal))
        {
            map.Context.Report(ConfigDiagnostics.ForbiddenWhen(map.KeyAt("exclude")!.Value, both, "it is also in include", "List each node in include or exclude, not both."));
        }

        return sparsityOk && sparsity is { } s && method is { } m
            ? new PruneSettings(m, s, scope, schedule, importance, include, exclude, training, limits)
            : null;
    }

    /// <summary>The training block a gradual schedule requires (MC1017 when it is missing; data checks in <see cref="TrainingBlock"/>).</summary>
    internal static TrainingSettings? ReadGradualTraining(MappingReader map, StepReadContext step)
    {
        if (!map.Has("training"))
        {
            map.Context.Report(ConfigDiagnostics.RequiredWhen(map.KeyAt("schedule")!.Value, "training", "schedule is gradual",
                "Add 'training:' with at least epochs and lr."));
        }

        return TrainingBlock.Read(map, step, stepDistills: false);
    }
}
