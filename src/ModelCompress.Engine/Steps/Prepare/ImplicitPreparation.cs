namespace ModelCompress.Engine.Steps.Prepare;

/// <summary>
/// Graph preparation that runs inside the first prune or training step of a pipeline that has no prepare step before it, and inside
/// every quantize step not directly after a prepare step, so weights stored as Constant nodes or behind a Transpose are
/// found, and BN is folded before int8 even when an earlier step kept it for training.
/// Its counts become facts of that step (prefixed <c>prepare: </c>) and its settings part of that step's cache key.
/// Before a step that trains (gradual pruning), BatchNormalization is kept: training wants it.
/// </summary>
public static class ImplicitPreparation
{
    /// <summary>The prefix of the facts the implicit preparation adds to its step.</summary>
    public const string FactPrefix = "prepare: ";

    /// <summary>The options to prepare with before <paramref name="step"/>, or null when it runs no implicit preparation.</summary>
    public static PreparationOptions? For(StepConfig step, IReadOnlyList<StepConfig> steps)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(steps);
        var kind = StepKinds.Of(step.Settings);
        if (StepKinds.Quantizing.Contains(kind))
        {
            // Quantize prepares again unless a prepare step stands right before it: a prune or a training step earlier
            // may have kept BatchNormalization (training wants it), and int8 only fuses Conv+BN once BN is folded.
            var previous = steps.LastOrDefault(s => s.Index < step.Index);
            return previous is not null && StepKinds.Of(previous.Settings) == StepKinds.Prepare ? null : PrepareRunner.OptionsOf(PrepareSettings.Default);
        }

        // A first training step (finetune, distill) prepares too: weights in Constant nodes (Paddle2ONNX) are not
        // trainable until they are initializers. Nothing trains or prunes twice on an unprepared graph after that.
        var trains = kind.RequiresTraining;
        if ((!StepKinds.Pruning.Contains(kind) && !trains)
            || steps.Any(s => s.Index < step.Index && (PreparesOrChanges(StepKinds.Of(s.Settings)) || (trains && StepKinds.Of(s.Settings).RequiresTraining))))
        {
            return null;
        }

        var options = PrepareRunner.OptionsOf(PrepareSettings.Default);
        // Channel pruning keeps BN too: bn_scale importance reads its γ, and the distillation that follows trains with it.
        return trains || kind == StepKinds.ChannelPrune ? options with { FoldBatchNorm = false } : options;
    }

    // A prepare, prune or quantize step before this one already left a prepared graph (or chose not to).
    private static bool PreparesOrChanges(StepKind kind) =>
        kind == StepKinds.Prepare || StepKinds.Pruning.Contains(kind) || StepKinds.Quantizing.Contains(kind);

    /// <summary>The text that enters the step's cache key for <paramref name="options"/> (empty when there are none).</summary>
    public static string CacheKeyPart(PreparationOptions? options) =>
        options is null ? string.Empty : GraphPreparation.Version + ":" + options.CanonicalForm;

    /// <summary>A prepared copy of <paramref name="model"/> and the facts to report; warnings go to <paramref name="report"/> at the step.</summary>
    public static (OnnxModel Model, IReadOnlyList<StepFact> Facts) Apply(
        OnnxModel model, PreparationOptions options, StepConfig step, Action<Diagnostic> report)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(report);
        var prepared = model.Clone();
        var result = GraphPreparation.Run(prepared, options);
        foreach (var warning in result.Warnings)
        {
            report(warning with { Position = warning.Position ?? step.Position });
        }

        return (prepared, result.ToFacts(FactPrefix));
    }
}
