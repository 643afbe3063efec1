using ModelCompress.Engine.Data;
using ModelCompress.Torch.Training;

namespace ModelCompress.Torch.Steps;

/// <summary>
/// The rows a training step works on, checked: the train split (MC3120 when missing, MC3121 when labels are needed
/// and absent, MC3122 for a label out of range, MC3130 for an unbound input), and the validation rows — the
/// validation split, else a seeded tenth held out of the training rows (never the evaluation rows, which judge
/// the budget) — labelled, or else labelled with the reference model's predictions (the metric is then
/// agreement, as it is when the budget's metric is agreement, so early stopping aims at what the budget measures). The target accuracy
/// comes from the accuracy budget the training block's early stop aims at (else the model's accuracy budget).
/// </summary>
internal sealed class StepData : IDisposable
{
    private StepData(TrainingData train, TrainingData validation, string validationSource, string metric, double? target, bool regression)
    {
        ValidationSource = validationSource;
        Train = train;
        Validation = validation;
        Metric = metric;
        TargetAccuracy = target;
        Regression = regression;
    }

    public TrainingData Train { get; }

    public TrainingData Validation { get; }

    /// <summary>Which rows validated, for the report: the validation split or the held-out training rows.</summary>
    public string ValidationSource { get; }

    public string Metric { get; }

    public double? TargetAccuracy { get; }

    public bool Regression { get; }

    /// <summary>Loads and checks the data for <paramref name="student"/>; <paramref name="reference"/> scores the baseline.</summary>
    public static StepData Load(string step, StepInput input, StepContext context, TrainingSettings training, TrainableModel student, TrainableModel reference, bool labelsRequired)
    {
        var budget = training.EarlyStopBudget ?? input.ModelConfig.Budgets.Accuracy;
        var givenTrain = context.Data?.Train ?? throw new CompressionException(TrainingDiagnostics.TrainingDataMissing(step));
        var (train, validationSplit, source) = ChooseValidation(givenTrain, context.Data!.Validation, context.Seed);
        if (labelsRequired && train.Labels is null)
        {
            throw new CompressionException(TrainingDiagnostics.LabelsMissing(step));
        }

        var names = student.Module is OnnxModule onnx ? onnx.InputNames : [.. train.Inputs.Keys];
        var trainData = Bind("train", train.Inputs, train.Labels, names);
        TrainingData? validation = null;
        try
        {
            var width = OutputWidth(student, trainData);
            var regression = width == 1;
            // Checked before the hold-out split so a bad label is reported at its row in the file.
            if (!regression && givenTrain.Labels is { } labels)
            {
                CheckLabels("train", labels, width);
            }

            var split = context.Data.Validation is null ? "train" : "validation";
            var (valInputs, valLabels) = (validationSplit.Inputs, validationSplit.Labels);
            if (!regression && valLabels is not null && split == "validation")
            {
                CheckLabels(split, valLabels, width);
            }

            var metric = valLabels is null || budget?.Metric == AccuracyMetric.Agreement ? "agreement" : "accuracy";
            if (metric == "agreement")
            {
                using var unlabelled = Bind(split, valInputs, null, names);
                valLabels = ValidationScore.Predict(reference, unlabelled);
            }

            validation = Bind(split, valInputs, valLabels, names);
            var baseline = metric == "agreement" ? 1.0 : ValidationScore.Evaluate(reference, validation, regression);
            return new StepData(trainData, validation, source, metric, Target(budget, baseline, regression), regression);
        }
        catch
        {
            trainData.Dispose();
            validation?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The whole train split bound to the inputs of <paramref name="student"/> (MC3120 when missing, MC3130 for an unbound
    /// input, MC3122 for a label out of range), and whether the output is a regression (width 1). A classifier's split
    /// without labels is labelled with the student's own predictions; a regression needs labels (MC3121).
    /// </summary>
    public static (TrainingData Data, bool Regression) LoadTrain(string step, StepContext context, OnnxModule student)
    {
        var train = context.Data?.Train ?? throw new CompressionException(TrainingDiagnostics.TrainingDataMissing(step));
        var model = TrainableModel.Of(student);
        var unlabelled = Bind("train", train.Inputs, null, student.InputNames);
        long width;
        try
        {
            width = OutputWidth(model, unlabelled);
            if (train.Labels is null && width > 1)
            {
                return (Bind("train", train.Inputs, ValidationScore.Predict(model, unlabelled), student.InputNames), false);
            }
        }
        finally
        {
            unlabelled.Dispose();
        }

        var labels = train.Labels ?? throw new CompressionException(TrainingDiagnostics.LabelsMissing(step));
        if (width > 1)
        {
            CheckLabels("train", labels, width);
        }

        return (Bind("train", train.Inputs, labels, student.InputNames), width == 1);
    }

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
    }

    private static (LabeledSplit Train, LabeledSplit Validation, string Source) ChooseValidation(LabeledSplit train, LabeledSplit? validation, int seed)
    {
        if (validation is not null)
        {
            return (train, validation, $"validation split ({validation.Count} rows)");
        }

        if (ValidationHoldout.Split(train, seed) is { } pair)
        {
            return (pair.Train, pair.Validation, $"{pair.Validation.Count} of {train.Count} training rows held out (seed {seed})");
        }

        // One training row cannot be split; validating on it is weak but still never touches the evaluation rows.
        return (train, train, "the single training row (too few rows to hold any out)");
    }

    private static TrainingData Bind(string split, IReadOnlyDictionary<string, NdArray> arrays, long[]? labels, IReadOnlyList<string> inputs)
    {
        var chosen = new Dictionary<string, NdArray>(StringComparer.Ordinal);
        foreach (var name in inputs)
        {
            chosen[name] = arrays.TryGetValue(name, out var array) ? array : throw new CompressionException(TrainingDiagnostics.InputNotBound(split, name));
        }

        return TrainingData.FromArrays(chosen, labels);
    }

    private static void CheckLabels(string split, long[] labels, long classes)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
            {
                throw new CompressionException(TrainingDiagnostics.LabelOutOfRange(split, i, labels[i], classes));
            }
        }
    }

    // The last dim of the output on one row: the class count (1 means a regression output).
    private static long OutputWidth(TrainableModel model, TrainingData data)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.Module.eval();
        var output = model.Forward(data.Slice(0, 1).Inputs, [])[model.OutputName];
        return output.shape.Length == 0 ? 1 : output.shape[^1];
    }

    private static double? Target(AccuracyBudget? budget, double baseline, bool regression) => budget switch
    {
        _ when regression => null,
        { MaxDrop: { } drop } => baseline - drop,
        { MaxRelativeDrop: { } relative } => baseline * (1 - relative),
        _ => null,
    };
}
