namespace ModelCompress.Torch.Training.Objectives;

/// <summary>Learning from labels: cross-entropy over labelled rows, or MSE for a regression output (last dim 1).</summary>
public sealed class SupervisedObjective : ITrainingObjective
{
    private readonly string _output;
    private readonly bool _regression;

    /// <summary>Reads output <paramref name="output"/>; <paramref name="regression"/> switches to MSE.</summary>
    public SupervisedObjective(string output, bool regression)
    {
        _output = output;
        _regression = regression;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> StudentIntermediates => [];

    /// <inheritdoc />
    public IEnumerable<TorchSharp.Modules.Parameter> Parameters => [];

    /// <inheritdoc />
    public void Prepare(TrainableModel student, TrainingBatch sample)
    {
    }

    /// <inheritdoc />
    public Tensor Loss(TrainingBatch batch, IReadOnlyDictionary<string, Tensor> student)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(student);
        var labels = batch.Labels ?? throw new InvalidOperationException("Supervised training needs labels.");
        return LabelLoss(student[_output], labels, _regression);
    }

    /// <summary>CE over rows whose label is not -1, or MSE against the labels as numbers.</summary>
    internal static Tensor LabelLoss(Tensor output, Tensor labels, bool regression) => regression
        ? nn.functional.mse_loss(output.reshape(output.shape[0]), labels.to_type(ScalarType.Float32))
        : nn.functional.cross_entropy(output, labels, ignore_index: -1);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
