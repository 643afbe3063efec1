namespace ModelCompress.Engine.Config;

/// <summary>The <c>training:</c> block, one shape for every step that trains.</summary>
/// <param name="Epochs">Passes over data.train (&gt;= 1).</param>
/// <param name="BatchSize">Mini-batch size (default 64).</param>
/// <param name="Optimizer">Optimizer (default adam).</param>
/// <param name="Lr">Learning rate (&gt; 0).</param>
/// <param name="Momentum">SGD momentum (default 0.9; sgd only).</param>
/// <param name="Nesterov">Nesterov momentum (default false; sgd only).</param>
/// <param name="WeightDecay">L2 / decoupled weight decay (default 0.01 for adamw, else 0).</param>
/// <param name="LrSchedule">Learning-rate schedule (default constant).</param>
/// <param name="WarmupEpochs">Linear warmup epochs before the schedule (default 0, fewer than epochs).</param>
/// <param name="StepSize">Epochs between decays (step schedule only).</param>
/// <param name="Gamma">Decay factor (step schedule only, default 0.1).</param>
/// <param name="Seed">Seed of shuffling and initialisation (defaults to the model's seed).</param>
/// <param name="EarlyStop">Stop once the accuracy budget is met on validation data (default true).</param>
/// <param name="Distill">Knowledge distillation from the original while training, if set.</param>
/// <param name="EarlyStopBudget">The model's accuracy budget that early stopping aims at, if any.</param>
/// <param name="Position">The <c>training:</c> key.</param>
public sealed record TrainingSettings(
    int Epochs,
    int BatchSize,
    OptimizerKind Optimizer,
    double Lr,
    double Momentum,
    bool Nesterov,
    double WeightDecay,
    LrSchedule LrSchedule,
    int WarmupEpochs,
    int? StepSize,
    double? Gamma,
    int Seed,
    bool EarlyStop,
    TrainingDistillation? Distill,
    AccuracyBudget? EarlyStopBudget,
    SourcePosition Position)
{
    /// <summary>Stable text of every value that changes the trained weights.</summary>
    public string CanonicalForm
    {
        get
        {
            var text = new CanonicalText("training")
                .Add("batch_size", BatchSize).Add("early_stop", EarlyStop).Add("epochs", Epochs).Add("lr", Lr)
                .Add("lr_schedule", LrSchedule).Add("optimizer", Optimizer).Add("seed", Seed)
                .Add("warmup_epochs", WarmupEpochs).Add("weight_decay", WeightDecay);
            if (Optimizer == OptimizerKind.Sgd)
            {
                text.Add("momentum", Momentum).Add("nesterov", Nesterov);
            }

            if (LrSchedule == LrSchedule.Step)
            {
                text.Add("step_size", StepSize ?? 0).Add("gamma", Gamma ?? 0);
            }

            // Early stopping ends training when the budget is met, so the budget shapes the weights.
            if (EarlyStop && EarlyStopBudget is { } budget)
            {
                text.AddRaw("early_stop_budget", budget.CanonicalForm);
            }

            if (Distill is { } kd)
            {
                text.AddRaw("distill", kd.CanonicalForm);
            }

            return text.ToString();
        }
    }

    internal static TrainingSettings? Read(MappingReader map, StepReadContext step, bool allowDistill)
    {
        var epochsOk = map.Require("epochs", "Add 'epochs:' (e.g. 3).");
        var lrOk = map.Require("lr", "Add 'lr:' (e.g. 0.001 for adam, 0.01 for sgd).");
        var epochs = map.Integer("epochs", NumberRange.AtLeast(1));
        var lr = map.Number("lr", NumberRange.Above(0));
        var optimizer = map.Choice<OptimizerKind>("optimizer") ?? OptimizerKind.Adam;
        var schedule = map.Choice<LrSchedule>("lr_schedule") ?? LrSchedule.Constant;
        if (optimizer != OptimizerKind.Sgd)
        {
            map.Forbid($"optimizer is {YamlNames.Of(optimizer)}", "Momentum settings apply to 'optimizer: sgd' only; remove it.", "momentum", "nesterov");
        }

        if (schedule != LrSchedule.Step)
        {
            map.Forbid($"lr_schedule is {YamlNames.Of(schedule)}", "It applies to 'lr_schedule: step' only; remove it or use the step schedule.", "step_size", "gamma");
        }
        else if (!map.Has("step_size"))
        {
            map.Context.Report(ConfigDiagnostics.RequiredWhen(map.KeyAt("lr_schedule")!.Value, "step_size", "lr_schedule is step", "Add 'step_size:' (epochs between decays)."));
        }

        var momentum = map.Number("momentum", new NumberRange(0, true, 1, false)) ?? 0.9;
        var nesterov = map.Bool("nesterov") ?? false;
        if (nesterov && momentum == 0)
        {
            map.Context.Report(ConfigDiagnostics.ForbiddenWhen(map.KeyAt("nesterov")!.Value, "nesterov", "momentum is 0", "Set momentum above 0 or remove nesterov."));
        }

        var warmup = map.Integer("warmup_epochs", NumberRange.AtLeast(0)) ?? 0;
        if (epochs is { } e && warmup >= e)
        {
            map.Context.Report(ConfigDiagnostics.OutOfRange(map.Value("warmup_epochs")!.Position, "warmup_epochs", warmup.ToString(System.Globalization.CultureInfo.InvariantCulture), $"< epochs ({e})"));
        }

        var distillMap = map.Section("distill", ConfigKeys.TrainingDistill);
        if (!allowDistill)
        {
            map.Forbid("the step is distill", "The distill step sets temperature and alpha itself; remove training.distill.", "distill");
        }

        var settings = new TrainingSettings(
            epochs ?? 1,
            map.Integer("batch_size", NumberRange.AtLeast(1)) ?? 64,
            optimizer,
            lr ?? 0,
            momentum,
            nesterov,
            map.Number("weight_decay", NumberRange.AtLeast(0)) ?? (optimizer == OptimizerKind.AdamW ? 0.01 : 0),
            schedule,
            warmup,
            map.Integer("step_size", NumberRange.AtLeast(1)),
            schedule == LrSchedule.Step ? map.Number("gamma", new NumberRange(0, false, 1, true)) ?? 0.1 : null,
            map.Integer("seed", NumberRange.AtLeast(0)) ?? step.ModelSeed,
            map.Bool("early_stop") ?? true,
            distillMap is not null && allowDistill ? TrainingDistillation.Read(distillMap) : null,
            step.AccuracyBudget,
            map.Owner);
        return epochsOk && lrOk && epochs is not null && lr is not null ? settings : null;
    }
}
