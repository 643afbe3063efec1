namespace ModelCompress.Torch.Training;

/// <summary>
/// How good a model is on labelled rows: top-1 accuracy for a classifier; for a regression output (last dim 1)
/// the negated mean squared error, so that higher is better either way.
/// </summary>
public static class ValidationScore
{
    private const int BatchSize = 256;

    /// <summary>The score of <paramref name="model"/> (switched to eval mode) on the labelled rows of <paramref name="data"/>.</summary>
    public static double Evaluate(TrainableModel model, TrainingData data, bool regression)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.Module.eval();
        using var noGrad = torch.no_grad();
        double total = 0;
        long rows = 0;
        for (var start = 0; start < data.Count; start += BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            var batch = data.Slice(start, Math.Min(BatchSize, data.Count - start));
            var labels = batch.Labels ?? throw new InvalidOperationException("Validation needs labels.");
            var output = model.Forward(batch.Inputs, [])[model.OutputName];
            var labelled = labels.ge(0);
            if (regression)
            {
                var diff = output.reshape(batch.Rows) - labels.to_type(ScalarType.Float32);
                total -= (diff * diff).masked_select(labelled).sum().item<float>();
            }
            else
            {
                total += output.argmax(1).eq(labels).logical_and(labelled).sum().item<long>();
            }

            rows += labelled.sum().item<long>();
        }

        return rows == 0 ? 0 : total / rows;
    }

    /// <summary>The labels a model predicts (argmax of its output) for every row: agreement targets when data has no labels.</summary>
    public static long[] Predict(TrainableModel model, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.Module.eval();
        using var noGrad = torch.no_grad();
        var result = new List<long>(data.Count);
        for (var start = 0; start < data.Count; start += BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            var batch = data.Slice(start, Math.Min(BatchSize, data.Count - start));
            result.AddRange(model.Forward(batch.Inputs, [])[model.OutputName].argmax(1).data<long>().ToArray());
        }

        return [.. result];
    }
}
