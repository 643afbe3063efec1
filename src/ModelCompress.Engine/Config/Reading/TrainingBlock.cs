namespace ModelCompress.Engine.Config.Reading;

/// <summary>Reads a step's <c>training:</c> block and checks that the model declares the data training needs.</summary>
internal static class TrainingBlock
{
    /// <param name="map">The step's settings.</param>
    /// <param name="step">The model around the step.</param>
    /// <param name="stepDistills">True for the distill step (labels are then optional and training.distill is its own business).</param>
    public static TrainingSettings? Read(MappingReader map, StepReadContext step, bool stepDistills)
    {
        if (map.Section("training", ConfigKeys.Training) is not { } training)
        {
            return null;
        }

        var settings = TrainingSettings.Read(training, step, allowDistill: !stepDistills);
        CheckData(training.Owner, step, map.Path, stepDistills || settings?.Distill is not null);
        return settings;
    }

    private static void CheckData(SourcePosition at, StepReadContext step, string path, bool distills)
    {
        if (step.DataInvalid)
        {
            return;
        }

        if (step.Data?.Train is not { } train)
        {
            step.Context.Report(ConfigDiagnostics.NeedsData(at, $"Training in {path}", "data.train (inputs and labels)"));
        }
        else if (train.Labels is null && !distills)
        {
            step.Context.Report(ConfigDiagnostics.NeedsData(at, $"Training without distillation in {path}", "data.train.labels (or add training.distill)"));
        }
    }
}
